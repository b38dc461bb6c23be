package org.syndication.publisher.article;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code publishedAt}: an RFC 3339 date-time, or a plain date, which newsrooms that
 * publish by day send, read at 00:00 in the configured zone.
 */
final class PublicationTimes {

	private static final Pattern PLAIN_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private PublicationTimes() {
	}

	static Instant parse(String value, ZoneId zone) {
		String text = value.strip();
		if (PLAIN_DATE.matcher(text).matches()) {
			return LocalDate.parse(text).atStartOfDay(zone).toInstant();
		}
		// RFC 3339 allows a lower-case 't' and 'z' and a space between date and time.
		String iso = text.toUpperCase(Locale.ROOT);
		if (iso.length() > 10 && iso.charAt(10) == ' ') {
			iso = iso.substring(0, 10) + 'T' + iso.substring(11);
		}
		return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
			.toInstant()
			.truncatedTo(ChronoUnit.MILLIS);
	}

	static boolean isValid(String value) {
		try {
			parse(value, ZoneId.of("UTC"));
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

}
