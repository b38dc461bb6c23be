package org.syndication.notifier.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription: an address, what it wants (no categories = everything) and where it is
 * in the double opt-in.
 */
record Subscriber(UUID id, String email, SubscriberStatus status, List<String> categories, int generation,
		Instant requestedAt, Instant confirmedAt) {

	Subscriber {
		categories = List.copyOf(categories);
	}

	enum SubscriberStatus {

		PENDING, CONFIRMED, UNSUBSCRIBED

	}

}
