package org.syndication.notifier.digest;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One digest's window in one time zone: the articles published from {@code start}
 * (inclusive) to {@code end} (exclusive). A digest is due at {@code end}.
 *
 * @param frequency daily or weekly
 * @param endDate the local date of {@code end} in the subscriber's zone; with the
 * frequency it names the period, and a subscriber gets at most one digest per name
 * @param start where the window begins: the previous digest time
 * @param end the digest time
 */
public record DigestPeriod(Frequency frequency, LocalDate endDate, Instant start, Instant end) {

	/** A stable name for the period, such as {@code daily-2026-03-29}. */
	public String key() {
		return frequency.value() + "-" + endDate;
	}

}
