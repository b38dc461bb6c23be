package org.syndication.notifier.subscription;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.subscription.Subscriber.SubscriberStatus;

/**
 * What a page may show about a subscription.
 *
 * @param id the subscriber's id
 * @param email the address
 * @param status where the double opt-in stands
 * @param categories the categories wanted; empty for every article
 * @param frequency alerts or digests
 * @param timeZone the zone of the digest hour, or {@code null} for the notifier's own
 */
record Subscription(UUID id, String email, SubscriberStatus status, List<String> categories, Frequency frequency,
		ZoneId timeZone) {

	static Subscription of(Subscriber subscriber) {
		return new Subscription(subscriber.id(), subscriber.email(), subscriber.status(), subscriber.categories(),
				subscriber.frequency(), subscriber.timeZone());
	}

}
