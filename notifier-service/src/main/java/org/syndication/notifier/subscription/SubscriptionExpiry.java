package org.syndication.notifier.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.delivery.Deliveries;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgets what lapses: subscriptions never confirmed (and the confirmation mails queued
 * for them), and confirmation cooldowns that ended.
 */
@Component
class SubscriptionExpiry {

	private final SubscriberRepository subscribers;

	private final ConfirmationCooldowns cooldowns;

	private final Deliveries deliveries;

	private final NotifierProperties properties;

	private final Clock clock;

	SubscriptionExpiry(SubscriberRepository subscribers, ConfirmationCooldowns cooldowns, Deliveries deliveries,
			NotifierProperties properties, Clock clock) {
		this.subscribers = subscribers;
		this.cooldowns = cooldowns;
		this.deliveries = deliveries;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 60, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
	@SchedulerLock(name = "subscription-expiry")
	@Transactional
	void expireUnconfirmed() {
		Instant now = Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
		Instant requestedBefore = now.minus(this.properties.confirmationExpiry());
		this.deliveries.deleteAll(this.subscribers.unconfirmed(requestedBefore));
		this.subscribers.expireUnconfirmed(requestedBefore, now);
		this.cooldowns.deleteEndedBefore(now.minus(this.properties.confirmationCooldown()));
	}

}
