package org.syndication.notifier.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When digests are due: daily at a local time, weekly on a day at a local time, both in
 * each subscriber's own time zone. Periods follow the wall clock, so a day with a
 * daylight-saving change is 23 or 25 hours long and the digest still comes at 07:00. A
 * digest time that does not exist on a given day (inside the hour skipped in spring) is
 * moved forward by the length of the gap; one that exists twice (in the hour repeated in
 * autumn) is the first of the two.
 *
 * @param dailyAt the local time of daily digests
 * @param weeklyOn the day of weekly digests
 * @param weeklyAt the local time of weekly digests
 */
public record DigestSchedule(LocalTime dailyAt, DayOfWeek weeklyOn, LocalTime weeklyAt) {

	public DigestSchedule {
		Objects.requireNonNull(dailyAt, "dailyAt");
		Objects.requireNonNull(weeklyOn, "weeklyOn");
		Objects.requireNonNull(weeklyAt, "weeklyAt");
	}

	/**
	 * The periods of a frequency whose digest time lies after {@code since} and not after
	 * {@code now}, oldest first: what a subscriber whose last digest (or confirmation)
	 * was at {@code since} is owed at {@code now}. At most {@code limit} of them, the
	 * newest.
	 * @param frequency daily or weekly
	 * @param zone the subscriber's time zone
	 * @param since exclusive lower bound of digest times
	 * @param now inclusive upper bound of digest times
	 * @param limit the most periods returned
	 * @return the periods, possibly none
	 */
	public List<DigestPeriod> periodsDue(Frequency frequency, ZoneId zone, Instant since, Instant now, int limit) {
		requireDigest(frequency);
		List<DigestPeriod> due = new ArrayList<>();
		DigestPeriod period = lastPeriodEndingBy(frequency, zone, now);
		while (due.size() < limit && period.end().isAfter(since)) {
			due.add(0, period);
			period = previous(period, zone);
		}
		return due;
	}

	/**
	 * The newest period whose digest time is not after {@code now}.
	 * @param frequency daily or weekly
	 * @param zone the subscriber's time zone
	 * @param now the moment
	 * @return that period
	 */
	public DigestPeriod lastPeriodEndingBy(Frequency frequency, ZoneId zone, Instant now) {
		requireDigest(frequency);
		LocalDate today = now.atZone(zone).toLocalDate();
		LocalDate endDate = (frequency == Frequency.DAILY) ? today
				: today.with(TemporalAdjusters.previousOrSame(this.weeklyOn));
		if (digestTime(frequency, endDate, zone).isAfter(now)) {
			endDate = endDate.minusDays(step(frequency));
		}
		return period(frequency, endDate, zone);
	}

	/**
	 * The period whose digest comes next after {@code now}.
	 * @param frequency daily or weekly
	 * @param zone the subscriber's time zone
	 * @param now the moment
	 * @return that period
	 */
	public DigestPeriod nextPeriodAfter(Frequency frequency, ZoneId zone, Instant now) {
		DigestPeriod last = lastPeriodEndingBy(frequency, zone, now);
		return period(frequency, last.endDate().plusDays(step(frequency)), zone);
	}

	private DigestPeriod previous(DigestPeriod period, ZoneId zone) {
		return period(period.frequency(), period.endDate().minusDays(step(period.frequency())), zone);
	}

	private DigestPeriod period(Frequency frequency, LocalDate endDate, ZoneId zone) {
		Instant end = digestTime(frequency, endDate, zone);
		Instant start = digestTime(frequency, endDate.minusDays(step(frequency)), zone);
		return new DigestPeriod(frequency, endDate, start, end);
	}

	private Instant digestTime(Frequency frequency, LocalDate date, ZoneId zone) {
		LocalTime time = (frequency == Frequency.DAILY) ? this.dailyAt : this.weeklyAt;
		// ZonedDateTime.of moves a time in a gap forward by the gap and takes the earlier
		// offset in an overlap.
		return ZonedDateTime.of(date, time, zone).toInstant();
	}

	private static long step(Frequency frequency) {
		return (frequency == Frequency.DAILY) ? 1 : 7;
	}

	private static void requireDigest(Frequency frequency) {
		if (frequency != Frequency.DAILY && frequency != Frequency.WEEKLY) {
			throw new IllegalArgumentException("No digest for frequency " + frequency);
		}
	}

}
