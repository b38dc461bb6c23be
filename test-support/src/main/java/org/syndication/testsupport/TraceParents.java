package org.syndication.testsupport;

import java.util.Locale;
import java.util.UUID;

/**
 * W3C {@code traceparent} values for events a test or a benchmark writes as a traced
 * publisher would: one sampled trace per event, its id the event's, so that a run can
 * find an event's trace again.
 */
public final class TraceParents {

	private TraceParents() {
	}

	/**
	 * @param eventId the event
	 * @return {@code 00-<the event id's 32 hex digits>-<16 hex digits>-01}: sampled
	 */
	public static String of(UUID eventId) {
		String traceId = String.format(Locale.ROOT, "%016x%016x", eventId.getMostSignificantBits(),
				eventId.getLeastSignificantBits());
		// Never all zeros, which the specification forbids for a parent id.
		long parentId = (eventId.getLeastSignificantBits() ^ eventId.getMostSignificantBits()) | 1L;
		return String.format(Locale.ROOT, "00-%s-%016x-01", traceId, parentId);
	}

}
