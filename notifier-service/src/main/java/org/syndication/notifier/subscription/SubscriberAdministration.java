package org.syndication.notifier.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.bounce.BounceReportRepository;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.subscription.AdminAnswers.SuppressionEntry;
import org.syndication.notifier.subscription.AdminAnswers.Suppressions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator can do about subscribers: erase one, list and lift suppressions.
 * Each part of the service deletes its own rows of an erased subscriber.
 * {@link SubscriberRecords} answers what there is to see.
 */
@Service
class SubscriberAdministration {

	private static final Logger logger = LoggerFactory.getLogger(SubscriberAdministration.class);

	private final SubscriberRepository subscribers;

	private final SuppressionList suppressions;

	private final Deliveries deliveries;

	private final BounceReportRepository bounces;

	private final ErasedAddresses erased;

	private final Clock clock;

	SubscriberAdministration(SubscriberRepository subscribers, SuppressionList suppressions, Deliveries deliveries,
			BounceReportRepository bounces, NotifierProperties properties, Clock clock) {
		this.subscribers = subscribers;
		this.suppressions = suppressions;
		this.deliveries = deliveries;
		this.bounces = bounces;
		this.erased = new ErasedAddresses(properties.tokenSecret());
		this.clock = clock;
	}

	/**
	 * Erases a subscriber: the subscription, its categories, its mails, digests and
	 * bounce reports are deleted, and the address stays on the suppression list only as a
	 * keyed hash, so that it is not mailed again unless it subscribes anew.
	 * @return whether there was such a subscriber
	 */
	@Transactional
	boolean erase(UUID id) {
		Optional<Subscriber> found = this.subscribers.findByIdForUpdate(id);
		if (found.isEmpty()) {
			return false;
		}
		String emailKey = SubscriptionService.emailKey(found.get().email());
		String reason = this.suppressions.reason(emailKey).orElse("erased");
		this.suppressions.unsuppress(emailKey);
		String hashed = this.erased.key(emailKey);
		this.suppressions.unsuppress(hashed);
		this.suppressions.insert(hashed, reason, Instant.now(this.clock));
		// Reports that could not be tied to the subscriber may still name the address.
		this.bounces.erase(id, containing(emailKey));
		this.deliveries.erase(id);
		this.subscribers.delete(id);
		logger.info("Subscriber {} erased; the address stays suppressed as a keyed hash", id);
		return true;
	}

	/**
	 * Suppressions, newest first; erased addresses show as their hash.
	 * @param limit at most this many
	 */
	@Transactional(readOnly = true)
	Suppressions suppressions(int limit) {
		return new Suppressions(this.suppressions.newest(limit).stream().map((suppression) -> {
			boolean hashed = suppression.emailKey().startsWith(ErasedAddresses.PREFIX);
			return new SuppressionEntry(hashed ? null : suppression.emailKey(), hashed, suppression.reason(),
					suppression.since());
		}).toList());
	}

	/**
	 * Lifts an address's suppression: it may be mailed again.
	 * @return whether it was suppressed
	 */
	@Transactional
	boolean lift(String email) {
		String key = SubscriptionService.emailKey(email);
		int lifted = this.suppressions.unsuppress(List.of(key, this.erased.key(key)));
		if (lifted > 0) {
			logger.info("Suppression of an address lifted by an administrator");
		}
		return lifted > 0;
	}

	/** A LIKE pattern (escape character {@code \}) of values that contain the text. */
	static String containing(String text) {
		return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
