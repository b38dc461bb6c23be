package org.syndication.notifier.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.delivery.HardBounce;
import org.syndication.notifier.subscription.Subscriber.SubscriberStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher only publishes that a mail bounced; the subscriptions decide what that
 * means for the address.
 */
@JdbcTest(properties = { "notifier.token-secret=test-secret-test-secret-test-secret-42",
		"notifier.hard-bounces-to-suppress=3" })
@Import({ AddressBounces.class, SubscriberRepository.class, SuppressionList.class, Deliveries.class,
		HardBouncesTests.Config.class })
class HardBouncesTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private SubscriberRepository subscribers;

	@Autowired
	private SuppressionList suppressions;

	@Test
	void anAddressIsSuppressedAtItsThirdHardBounceNotBefore() {
		Subscriber subscriber = new Subscriber(UUID.randomUUID(), "Bouncing@Example.org", SubscriberStatus.CONFIRMED,
				List.of(), 1, NOW, NOW, Frequency.IMMEDIATE, null, null);
		this.subscribers.insert(subscriber, "bouncing@example.org", NOW);

		this.events.publishEvent(new HardBounce(subscriber.id()));
		this.events.publishEvent(new HardBounce(subscriber.id()));
		assertThat(this.suppressions.isSuppressed("bouncing@example.org")).isFalse();

		this.events.publishEvent(new HardBounce(subscriber.id()));
		assertThat(this.suppressions.isSuppressed("bouncing@example.org")).isTrue();
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NotifierProperties.class)
	static class Config {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
