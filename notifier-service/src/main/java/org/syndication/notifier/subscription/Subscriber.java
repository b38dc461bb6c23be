package org.syndication.notifier.subscription;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.links.LinkClaims;
import org.syndication.notifier.links.LinkPurpose;

/**
 * A subscription: an address, what it wants (no categories = everything), how often, and
 * where it is in the double opt-in.
 *
 * @param id the subscriber's id
 * @param email the address as given
 * @param status where the double opt-in stands
 * @param categories the categories wanted, lower case; empty for every article
 * @param generation grows with every new subscription of the address, so an old
 * confirmation link confirms nothing
 * @param requestedAt when the current subscription was asked for
 * @param confirmedAt when it was last confirmed, or {@code null}
 * @param frequency an alert per article, or a daily or weekly digest
 * @param timeZone the zone of the digest hour; {@code null} for the notifier's own
 * @param digestSince from when the next digest lists articles; {@code null} unless the
 * subscriber takes digests
 */
record Subscriber(UUID id, String email, SubscriberStatus status, List<String> categories, int generation,
		Instant requestedAt, Instant confirmedAt, Frequency frequency, ZoneId timeZone, Instant digestSince) {

	Subscriber {
		categories = List.copyOf(categories);
		Objects.requireNonNull(frequency, "frequency");
	}

	Subscriber withStatus(SubscriberStatus status) {
		return new Subscriber(this.id, this.email, status, this.categories, this.generation, this.requestedAt,
				this.confirmedAt, this.frequency, this.timeZone, this.digestSince);
	}

	/**
	 * The subscriber with new preferences. Who starts taking digests gets, in the first
	 * one, what arrives from {@code now} on; who moves from daily to weekly keeps what
	 * the daily digest had not sent yet.
	 */
	Subscriber withPreferences(List<String> categories, Frequency frequency, ZoneId timeZone, Instant now) {
		Instant since = (frequency == Frequency.IMMEDIATE) ? null : (this.digestSince != null) ? this.digestSince : now;
		return new Subscriber(this.id, this.email, this.status, categories, this.generation, this.requestedAt,
				this.confirmedAt, frequency, timeZone, since);
	}

	/**
	 * Whether an unsubscribe or preference link is for this subscriber's current
	 * subscription. Unsubscribe links from before links were bound to a subscription
	 * still unsubscribe, as they did: they are in mailboxes, and mailbox providers expect
	 * them to work. Preference links from then are refused: every new mail brings a bound
	 * one.
	 */
	boolean isCurrentFor(LinkClaims claims) {
		if (claims.generation() == LinkClaims.UNBOUND) {
			return claims.purpose() == LinkPurpose.UNSUBSCRIBE;
		}
		return claims.generation() == this.generation;
	}

	enum SubscriberStatus {

		PENDING, CONFIRMED, UNSUBSCRIBED

	}

}
