package org.syndication.notifier.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.subscription.Subscriber.SubscriberStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions on H2; {@link SubscriberRepositoryPostgresTests} runs the same tests on
 * PostgreSQL.
 */
@JdbcTest
@Import({ SubscriberRepository.class, SuppressionList.class })
class SubscriberRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	@Autowired
	private SubscriberRepository subscribers;

	@Autowired
	private SuppressionList suppressions;

	@Test
	void subscriberRoundTripsWithItsCategoriesAndPreferences() {
		Subscriber subscriber = subscriber("Reader@Example.org", SubscriberStatus.CONFIRMED,
				List.of("culture", "politics"), NOW);
		assertThat(this.subscribers.findByEmailKeyForUpdate("reader@example.org")).contains(subscriber);
		Subscriber everything = new Subscriber(subscriber.id(), subscriber.email(), SubscriberStatus.CONFIRMED,
				List.of(), 2, NOW, NOW, Frequency.WEEKLY, ZoneId.of("Pacific/Chatham"), NOW.plusSeconds(1));
		this.subscribers.update(everything, NOW);
		assertThat(this.subscribers.findById(subscriber.id())).contains(everything);
	}

	@Test
	void unconfirmedSubscriptionsExpireAndLapsedResubscriptionsFallBackToUnsubscribed() {
		Instant old = NOW.minus(Duration.ofDays(8));
		Subscriber neverConfirmed = subscriber("never@example.org", SubscriberStatus.PENDING, List.of("science"), old);
		Subscriber fresh = subscriber("fresh@example.org", SubscriberStatus.PENDING, List.of(), NOW);
		Subscriber lapsed = this.subscribers
			.findById(subscriber("lapsed@example.org", SubscriberStatus.PENDING, List.of(), old).id())
			.orElseThrow();
		this.subscribers.update(new Subscriber(lapsed.id(), lapsed.email(), SubscriberStatus.PENDING, List.of(), 2, old,
				old.minusSeconds(60), Frequency.IMMEDIATE, null, null), old);

		assertThat(this.subscribers.expireUnconfirmed(NOW.minus(Duration.ofDays(7)), NOW)).isEqualTo(1);
		assertThat(this.subscribers.findById(neverConfirmed.id())).isEmpty();
		assertThat(this.subscribers.findById(fresh.id())).isPresent();
		assertThat(this.subscribers.findById(lapsed.id())).get()
			.extracting(Subscriber::status)
			.isEqualTo(SubscriberStatus.UNSUBSCRIBED);
	}

	@Test
	void suppressionAndBouncesAreCounted() {
		Subscriber subscriber = subscriber("bouncy@example.org", SubscriberStatus.CONFIRMED, List.of(), NOW);
		assertThat(this.subscribers.recordHardBounce(subscriber.id())).isEqualTo(1);
		assertThat(this.subscribers.recordHardBounce(subscriber.id())).isEqualTo(2);
		this.suppressions.suppress("bouncy@example.org", "bounced", NOW);
		this.suppressions.suppress("bouncy@example.org", "unsubscribed", NOW);
		assertThat(this.suppressions.isSuppressed("bouncy@example.org")).isTrue();
		this.suppressions.unsuppress("bouncy@example.org");
		assertThat(this.suppressions.isSuppressed("bouncy@example.org")).isFalse();
	}

	private Subscriber subscriber(String email, SubscriberStatus status, List<String> categories, Instant at) {
		Subscriber subscriber = new Subscriber(UUID.randomUUID(), email, status, categories, 1, at,
				(status == SubscriberStatus.CONFIRMED) ? at : null, Frequency.IMMEDIATE, null, null);
		this.subscribers.insert(subscriber, SubscriptionService.emailKey(email), at);
		return subscriber;
	}

}
