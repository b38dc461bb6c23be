package org.syndication.publisher.article;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PublicationTimesTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Test
	void plainDateIsMidnightInTheGivenZone() {
		assertThat(PublicationTimes.parse("2026-11-20", BERLIN)).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
		assertThat(PublicationTimes.parse("2026-07-01", BERLIN)).isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
	}

	@Test
	void rfc3339AcceptsOffsetsLowerCaseAndASpace() {
		Instant expected = Instant.parse("2026-11-23T08:15:30Z");
		assertThat(PublicationTimes.parse("2026-11-23T10:15:30+02:00", BERLIN)).isEqualTo(expected);
		assertThat(PublicationTimes.parse("2026-11-23t08:15:30z", BERLIN)).isEqualTo(expected);
		assertThat(PublicationTimes.parse("2026-11-23 08:15:30Z", BERLIN)).isEqualTo(expected);
		assertThat(PublicationTimes.parse("2026-11-23T08:15:30.123456Z", BERLIN))
			.isEqualTo(Instant.parse("2026-11-23T08:15:30.123Z"));
	}

	@Test
	void timeWithoutZoneOrNonsenseIsRefused() {
		for (String bad : new String[] { "2026-11-23T08:15:30", "2026-13-01", "2026-02-30", "tomorrow", "",
				"23/11/2026" }) {
			assertThat(PublicationTimes.isValid(bad)).as(bad).isFalse();
		}
		assertThatExceptionOfType(DateTimeParseException.class)
			.isThrownBy(() -> PublicationTimes.parse("2026-11-23T08:15", BERLIN));
	}

}
