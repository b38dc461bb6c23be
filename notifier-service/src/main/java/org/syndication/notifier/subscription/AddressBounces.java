package org.syndication.notifier.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.bounce.AddressSuppressed;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.delivery.HardBounce;
import org.syndication.notifier.subscription.Subscriber.SubscriberStatus;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What bounces and complaints mean for an address: the dispatcher and the bounce mailbox
 * say what happened, and the subscriptions decide whether the address is suppressed.
 */
@Service
class AddressBounces {

	private final SubscriberRepository subscribers;

	private final SuppressionList suppressions;

	private final Deliveries deliveries;

	private final int hardBouncesToSuppress;

	private final Clock clock;

	AddressBounces(SubscriberRepository subscribers, SuppressionList suppressions, Deliveries deliveries,
			NotifierProperties properties, Clock clock) {
		this.subscribers = subscribers;
		this.suppressions = suppressions;
		this.deliveries = deliveries;
		this.hardBouncesToSuppress = properties.hardBouncesToSuppress();
		this.clock = clock;
	}

	/**
	 * Counts a permanent delivery failure; enough of them suppress the address.
	 * @param bounce the subscriber whose address bounced
	 */
	@EventListener
	@Transactional
	void recordHardBounce(HardBounce bounce) {
		int bounces = this.subscribers.recordHardBounce(bounce.subscriberId());
		if (bounces >= this.hardBouncesToSuppress) {
			this.subscribers.findById(bounce.subscriberId())
				.ifPresent((subscriber) -> this.suppressions.suppress(SubscriptionService.emailKey(subscriber.email()),
						"bounced", now()));
		}
	}

	/**
	 * Suppresses an address a bounce or a complaint calls for, ends the subscription if
	 * asked, and cancels what is queued for it, in the transaction that applies the
	 * report.
	 * @param suppressed whom, and why
	 */
	@EventListener
	@Transactional
	void suppress(AddressSuppressed suppressed) {
		this.subscribers.findByIdForUpdate(suppressed.subscriberId()).ifPresent((subscriber) -> {
			Instant now = now();
			if (suppressed.unsubscribe() && subscriber.status() != SubscriberStatus.UNSUBSCRIBED) {
				this.subscribers.update(subscriber.withStatus(SubscriberStatus.UNSUBSCRIBED), now);
			}
			this.suppressions.suppress(SubscriptionService.emailKey(subscriber.email()), suppressed.reason(), now);
			this.deliveries.cancelPending(subscriber.id());
		});
	}

	private Instant now() {
		return Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
	}

}
