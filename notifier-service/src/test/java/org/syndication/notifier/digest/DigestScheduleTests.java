package org.syndication.notifier.digest;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DigestScheduleTests {

	private static final LocalTime SEVEN = LocalTime.of(7, 0);

	private final DigestSchedule schedule = new DigestSchedule(SEVEN, DayOfWeek.MONDAY, SEVEN);

	@Test
	void aDailyDigestIsDueFromItsTimeOnAndCoversTheDayBefore() {
		DigestPeriod period = this.schedule.lastPeriodEndingBy(Frequency.DAILY, ZoneOffset.UTC,
				Instant.parse("2026-11-30T08:00:00Z"));
		assertThat(period.end()).isEqualTo("2026-11-30T07:00:00Z");
		assertThat(period.start()).isEqualTo("2026-11-29T07:00:00Z");
		assertThat(period.key()).isEqualTo("daily-2026-11-30");
		assertThat(this.schedule.lastPeriodEndingBy(Frequency.DAILY, ZoneOffset.UTC,
				Instant.parse("2026-11-30T07:00:00Z")))
			.isEqualTo(period);
		assertThat(this.schedule
			.lastPeriodEndingBy(Frequency.DAILY, ZoneOffset.UTC, Instant.parse("2026-11-30T06:59:59.999Z"))
			.key()).isEqualTo("daily-2026-11-29");
		assertThat(this.schedule
			.nextPeriodAfter(Frequency.DAILY, ZoneOffset.UTC, Instant.parse("2026-11-30T06:59:59.999Z"))
			.end()).isEqualTo("2026-11-30T07:00:00Z");
	}

	@Test
	void eachSubscriberGetsTheDigestAtSevenInTheirOwnZone() {
		Instant now = Instant.parse("2026-11-30T02:00:00Z");
		// 07:30 in Kolkata (+05:30): today's digest is due.
		assertThat(this.schedule.lastPeriodEndingBy(Frequency.DAILY, ZoneId.of("Asia/Kolkata"), now).end())
			.isEqualTo("2026-11-30T01:30:00Z");
		// 15:00 in Auckland (+13:00 in summer): due since 18:00 UTC the day before.
		assertThat(this.schedule.lastPeriodEndingBy(Frequency.DAILY, ZoneId.of("Pacific/Auckland"), now).end())
			.isEqualTo("2026-11-29T18:00:00Z");
		// 21:00 the day before in New York (-05:00): yesterday's digest.
		DigestPeriod newYork = this.schedule.lastPeriodEndingBy(Frequency.DAILY, ZoneId.of("America/New_York"), now);
		assertThat(newYork.end()).isEqualTo("2026-11-29T12:00:00Z");
		assertThat(newYork.endDate()).isEqualTo(LocalDate.of(2026, 11, 29));
	}

	@Test
	void aDayWithADaylightSavingChangeIsShorterOrLongerButTheDigestStillComesAtSeven() {
		ZoneId london = ZoneId.of("Europe/London");
		DigestPeriod spring = this.schedule.lastPeriodEndingBy(Frequency.DAILY, london,
				Instant.parse("2026-03-29T12:00:00Z"));
		assertThat(spring.end()).isEqualTo("2026-03-29T06:00:00Z");
		assertThat(spring.start()).isEqualTo("2026-03-28T07:00:00Z");
		assertThat(Duration.between(spring.start(), spring.end())).hasHours(23);
		DigestPeriod autumn = this.schedule.lastPeriodEndingBy(Frequency.DAILY, london,
				Instant.parse("2026-10-25T12:00:00Z"));
		assertThat(autumn.end()).isEqualTo("2026-10-25T07:00:00Z");
		assertThat(autumn.start()).isEqualTo("2026-10-24T06:00:00Z");
		assertThat(Duration.between(autumn.start(), autumn.end())).hasHours(25);
	}

	@Test
	void aDigestTimeSkippedInSpringMovesForwardAndOneRepeatedInAutumnComesOnce() {
		DigestSchedule halfPastTwo = new DigestSchedule(LocalTime.of(2, 30), DayOfWeek.MONDAY, SEVEN);
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		// 2026-03-29: 02:00 CET is followed by 03:00 CEST, so 02:30 is 03:30 CEST.
		assertThat(halfPastTwo.lastPeriodEndingBy(Frequency.DAILY, berlin, Instant.parse("2026-03-29T12:00:00Z")).end())
			.isEqualTo("2026-03-29T01:30:00Z");
		// 2026-10-25: 02:30 is lived twice, at 00:30 and 01:30 UTC; the digest is due at
		// the
		// first, and the second is the same period.
		DigestPeriod first = halfPastTwo.lastPeriodEndingBy(Frequency.DAILY, berlin,
				Instant.parse("2026-10-25T00:30:00Z"));
		assertThat(first.end()).isEqualTo("2026-10-25T00:30:00Z");
		assertThat(halfPastTwo.lastPeriodEndingBy(Frequency.DAILY, berlin, Instant.parse("2026-10-25T01:30:00Z")))
			.isEqualTo(first);
		assertThat(halfPastTwo.periodsDue(Frequency.DAILY, berlin, Instant.parse("2026-10-24T12:00:00Z"),
				Instant.parse("2026-10-25T12:00:00Z"), 10))
			.containsExactly(first);
	}

	@Test
	void periodsFollowOneAnotherWithoutGapOrOverlapThroughAYearOfClockChanges() {
		for (String zone : List.of("Europe/London", "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham",
				"Asia/Tehran", "UTC")) {
			ZoneId id = ZoneId.of(zone);
			List<DigestPeriod> year = this.schedule.periodsDue(Frequency.DAILY, id,
					Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), 1000);
			assertThat(year).as(zone).hasSizeBetween(365, 366);
			for (int i = 1; i < year.size(); i++) {
				assertThat(year.get(i).start()).as(zone).isEqualTo(year.get(i - 1).end());
				assertThat(year.get(i).endDate()).as(zone).isEqualTo(year.get(i - 1).endDate().plusDays(1));
				assertThat(year.get(i).end().atZone(id).toLocalTime()).as(zone).isEqualTo(SEVEN);
			}
		}
	}

	@Test
	void aWeeklyDigestIsDueOnItsDayAndCoversTheSevenDaysBefore() {
		ZoneId newYork = ZoneId.of("America/New_York");
		DigestPeriod week = this.schedule.lastPeriodEndingBy(Frequency.WEEKLY, newYork,
				Instant.parse("2026-12-02T15:00:00Z"));
		assertThat(week.end()).isEqualTo("2026-11-30T12:00:00Z");
		assertThat(week.start()).isEqualTo("2026-11-23T12:00:00Z");
		assertThat(week.key()).isEqualTo("weekly-2026-11-30");
		// Monday 06:59 in New York: last week's digest is the newest due.
		assertThat(this.schedule.lastPeriodEndingBy(Frequency.WEEKLY, newYork, Instant.parse("2026-11-30T11:59:00Z"))
			.endDate()).isEqualTo(LocalDate.of(2026, 11, 23));
		// The week that contains the change to daylight saving time is an hour shorter.
		DigestPeriod march = this.schedule.lastPeriodEndingBy(Frequency.WEEKLY, newYork,
				Instant.parse("2026-03-09T12:00:00Z"));
		assertThat(Duration.between(march.start(), march.end())).isEqualTo(Duration.ofDays(7).minusHours(1));
	}

	@Test
	void aNotifierThatWasDownOwesEveryMissedPeriodOnceAndNoneAlreadySent() {
		Instant lastSent = Instant.parse("2026-11-27T07:00:00Z");
		Instant now = Instant.parse("2026-11-30T09:00:00Z");
		List<DigestPeriod> missed = this.schedule.periodsDue(Frequency.DAILY, ZoneOffset.UTC, lastSent, now, 10);
		assertThat(missed).extracting(DigestPeriod::key)
			.containsExactly("daily-2026-11-28", "daily-2026-11-29", "daily-2026-11-30");
		assertThat(missed.get(0).start()).isEqualTo(lastSent);
		assertThat(this.schedule.periodsDue(Frequency.DAILY, ZoneOffset.UTC, lastSent, now, 2))
			.extracting(DigestPeriod::key)
			.containsExactly("daily-2026-11-29", "daily-2026-11-30");
		assertThat(this.schedule.periodsDue(Frequency.DAILY, ZoneOffset.UTC, Instant.parse("2026-11-30T07:00:00Z"), now,
				10))
			.isEmpty();
		assertThat(this.schedule.periodsDue(Frequency.WEEKLY, ZoneOffset.UTC, lastSent, now, 10))
			.extracting(DigestPeriod::key)
			.containsExactly("weekly-2026-11-30");
	}

	@Test
	void immediateSubscribersHaveNoDigest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.schedule.lastPeriodEndingBy(Frequency.IMMEDIATE, ZoneOffset.UTC, Instant.now()));
	}

	@Test
	void frequenciesAreReadOnlyAsWrittenInTheApi() {
		assertThat(Frequency.of("daily")).contains(Frequency.DAILY);
		assertThat(Frequency.of("weekly")).contains(Frequency.WEEKLY);
		assertThat(Frequency.of("immediate")).contains(Frequency.IMMEDIATE);
		assertThat(Frequency.of("Daily")).isEmpty();
		assertThat(Frequency.of("")).isEmpty();
		assertThat(Frequency.of(null)).isEmpty();
		assertThat(Frequency.WEEKLY.value()).isEqualTo("weekly");
	}

}
