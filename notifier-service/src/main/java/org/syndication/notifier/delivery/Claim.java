package org.syndication.notifier.delivery;

import java.util.List;
import java.util.UUID;

/**
 * A chunk of due deliveries that this instance has claimed to send.
 *
 * @param id the claim, written to each of its rows
 * @param deliveries the ids of its rows, in due order
 * @param takenAtNanos {@link System#nanoTime()} just before the claim was taken: its
 * lease in the database runs from a later moment, so a deadline counted from this one
 * passes first, whatever the clocks of the instances and the database say
 */
record Claim(UUID id, List<Long> deliveries, long takenAtNanos) {

	Claim {
		deliveries = List.copyOf(deliveries);
	}

	boolean isEmpty() {
		return this.deliveries.isEmpty();
	}

	int size() {
		return this.deliveries.size();
	}

}
