package org.syndication.feed.websub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.rendering.FeedFormat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue of pushes, as changes fill it and senders claim from it, on H2;
 * {@link PushQueuePostgresTests} runs the same tests on PostgreSQL. Each step commits, as
 * the hub's own transactions do.
 */
@JdbcTest(properties = "feed.websub.secret-keys=" + FeedIntegrationTest.SECRET_KEY)
@Import({ PushQueue.class, PushClaims.class, Subscriptions.class, SubscriberSecrets.class })
@EnableConfigurationProperties(HubSettings.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class PushQueueTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	private static final Duration LEASE = Duration.ofMinutes(1);

	@Autowired
	private PushQueue queue;

	@Autowired
	private PushClaims claims;

	@Autowired
	private Subscriptions subscriptions;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	@AfterEach
	void empty() {
		this.jdbc.sql("DELETE FROM websub_delivery").update();
		this.jdbc.sql("DELETE FROM websub_subscription").update();
		this.jdbc.sql("DELETE FROM feed_state").update();
	}

	@Test
	void aChangeOwesOnePushToEachLiveSubscriberOfTheFeed() {
		subscribe(FeedKey.category("transit"), "https://a.example/cb", NOW.plus(LEASE));
		subscribe(FeedKey.category("transit"), "https://b.example/cb", NOW.plus(LEASE));
		subscribe(FeedKey.category("transit"), "https://expired.example/cb", NOW.minusSeconds(1));
		subscribe(FeedKey.category("weather"), "https://c.example/cb", NOW.plus(LEASE));

		assertThat(queue(FeedKey.category("transit"))).isTrue();
		assertThat(queue(FeedKey.category("transit"), FeedKey.all())).isTrue();
		assertThat(queue(FeedKey.category("nobody-reads-this"))).isFalse();

		List<PushClaims.Push> claimed = this.claims.claim(NOW, 10, LEASE);
		assertThat(claimed).extracting(PushClaims.Push::callback)
			.containsExactlyInAnyOrder("https://a.example/cb", "https://b.example/cb");
		assertThat(claimed).extracting(PushClaims.Push::changes).containsOnly(2L);
		assertThat(claimed).extracting(PushClaims.Push::feed).containsOnly(FeedKey.category("transit"));
	}

	@Test
	void claimsNeverShareAPushUntilTheirLeaseEnds() {
		for (int i = 0; i < 5; i++) {
			subscribe(FeedKey.all(), "https://reader" + i + ".example/cb", NOW.plus(Duration.ofDays(1)));
		}
		queue(FeedKey.all());

		List<PushClaims.Push> first = this.claims.claim(NOW, 3, LEASE);
		List<PushClaims.Push> second = this.claims.claim(NOW, 3, LEASE);

		assertThat(first).hasSize(3);
		assertThat(second).hasSize(2);
		assertThat(first).extracting(PushClaims.Push::subscriptionId)
			.doesNotContainAnyElementsOf(second.stream().map(PushClaims.Push::subscriptionId).toList());
		assertThat(this.claims.claim(NOW, 3, LEASE)).isEmpty();
		assertThat(this.claims.claim(NOW.plus(LEASE).plusSeconds(1), 10, LEASE)).hasSize(5);
	}

	@Test
	void aPushThatMetAChangeOnItsWayIsOwedOnceMore() {
		subscribe(FeedKey.all(), "https://a.example/cb", NOW.plus(LEASE));
		queue(FeedKey.all());
		PushClaims.Push push = this.claims.claim(NOW, 10, LEASE).get(0);

		queue(FeedKey.all());
		this.claims.record(List.of(new PushClaims.Outcome(push, PushClaims.Outcome.Kind.DONE, null)), NOW);

		List<PushClaims.Push> again = this.claims.claim(NOW, 10, LEASE);
		assertThat(again).extracting(PushClaims.Push::changes).containsExactly(2L);
		this.claims.record(List.of(new PushClaims.Outcome(again.get(0), PushClaims.Outcome.Kind.DONE, null)), NOW);
		assertThat(pending()).isZero();
	}

	@Test
	void aPushThatAlreadyCarriedTheChangeItMetOnItsWayIsNotOwedAgain() {
		FeedKey transit = FeedKey.category("transit");
		subscribe(transit, "https://a.example/cb", NOW.plus(LEASE));
		feedRevision(transit, 1);
		queue(transit);
		PushClaims.Push push = this.claims.claim(NOW, 10, LEASE).get(0);

		// The next change commits while the push is on its way, before the feed it
		// sends is read: it carries revision 2.
		feedRevision(transit, 2);
		queue(transit);
		this.claims.record(List.of(new PushClaims.Outcome(push, PushClaims.Outcome.Kind.DONE, null, 2)), NOW);

		assertThat(pending()).isZero();
	}

	@Test
	void aPushThatCarriedAnOlderFeedThanTheChangeItMetIsOwedOnceMore() {
		FeedKey transit = FeedKey.category("transit");
		subscribe(transit, "https://a.example/cb", NOW.plus(LEASE));
		feedRevision(transit, 1);
		queue(transit);
		PushClaims.Push push = this.claims.claim(NOW, 10, LEASE).get(0);

		feedRevision(transit, 2);
		queue(transit);
		this.claims.record(List.of(new PushClaims.Outcome(push, PushClaims.Outcome.Kind.DONE, null, 1)), NOW);

		assertThat(this.claims.claim(NOW, 10, LEASE)).extracting(PushClaims.Push::changes).containsExactly(2L);
	}

	@Test
	void aFailedPushWaitsForItsRetryAndA410EndsTheSubscription() {
		subscribe(FeedKey.all(), "https://flaky.example/cb", NOW.plus(Duration.ofDays(1)));
		subscribe(FeedKey.all(), "https://gone.example/cb", NOW.plus(Duration.ofDays(1)));
		queue(FeedKey.all());
		List<PushClaims.Push> claimed = this.claims.claim(NOW, 10, LEASE);
		PushClaims.Push flaky = claimed.stream()
			.filter((p) -> p.callback().contains("flaky"))
			.findFirst()
			.orElseThrow();
		PushClaims.Push gone = claimed.stream().filter((p) -> p.callback().contains("gone")).findFirst().orElseThrow();

		this.claims.record(List.of(new PushClaims.Outcome(flaky, PushClaims.Outcome.Kind.RETRY, NOW.plusSeconds(30)),
				new PushClaims.Outcome(gone, PushClaims.Outcome.Kind.ENDED, null)), NOW);

		assertThat(this.claims.claim(NOW.plusSeconds(29), 10, LEASE)).isEmpty();
		List<PushClaims.Push> retried = this.claims.claim(NOW.plusSeconds(30), 10, LEASE);
		assertThat(retried).extracting(PushClaims.Push::callback).containsExactly("https://flaky.example/cb");
		assertThat(retried.get(0).attempts()).isEqualTo(1);
		assertThat(retried.get(0).firstFailedAt()).isEqualTo(NOW);
		assertThat(this.jdbc.sql("SELECT callback FROM websub_subscription").query(String.class).list())
			.containsExactly("https://flaky.example/cb");
	}

	@Test
	void aPushToAnExpiredSubscriptionIsClaimedAsEnded() {
		subscribe(FeedKey.all(), "https://short.example/cb", NOW.plusSeconds(5));
		queue(FeedKey.all());

		List<PushClaims.Push> claimed = this.claims.claim(NOW.plusSeconds(6), 10, LEASE);

		assertThat(claimed).hasSize(1);
		assertThat(claimed.get(0).feed()).as("no feed to push: the subscription is over").isNull();
	}

	@Test
	void expiredSubscriptionsAreForgottenWithThePushesOwedToThem() {
		subscribe(FeedKey.all(), "https://ended.example/cb", NOW.plusSeconds(5));
		subscribe(FeedKey.all(), "https://lasting.example/cb", NOW.plus(Duration.ofDays(1)));
		queue(FeedKey.all());

		assertThat(this.subscriptions.deleteExpired(NOW.plusSeconds(4))).isZero();
		assertThat(this.subscriptions.deleteExpired(NOW.plusSeconds(5))).isEqualTo(1);

		assertThat(this.jdbc.sql("SELECT callback FROM websub_subscription").query(String.class).list())
			.containsExactly("https://lasting.example/cb");
		assertThat(pending()).isEqualTo(1);
	}

	@Test
	void duePushesAreCountedWithHowLongTheOneDueFirstHasBeenDueThoseOnTheirWayIncluded() {
		subscribe(FeedKey.all(), "https://flaky.example/cb", NOW.plus(Duration.ofDays(1)));
		subscribe(FeedKey.all(), "https://slow.example/cb", NOW.plus(Duration.ofDays(1)));
		queue(FeedKey.all());
		assertThat(this.queue.due(NOW.minusSeconds(1))).isEqualTo(PushQueue.Due.NONE);
		assertThat(this.queue.due(NOW)).isEqualTo(new PushQueue.Due(2, Duration.ZERO));

		List<PushClaims.Push> claimed = this.claims.claim(NOW, 10, LEASE);
		PushClaims.Push flaky = claimed.stream()
			.filter((p) -> p.callback().contains("flaky"))
			.findFirst()
			.orElseThrow();
		// The slow one is still on its way; the flaky one failed and waits for its retry.
		this.claims.record(List.of(new PushClaims.Outcome(flaky, PushClaims.Outcome.Kind.RETRY, NOW.plusSeconds(30))),
				NOW);

		assertThat(this.queue.due(NOW.plusSeconds(10))).isEqualTo(new PushQueue.Due(1, Duration.ofSeconds(10)));
		assertThat(this.queue.due(NOW.plusSeconds(40))).isEqualTo(new PushQueue.Due(2, Duration.ofSeconds(40)));

		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		PushQueueMetrics metrics = new PushQueueMetrics(this.queue, Duration.ofSeconds(10),
				Clock.fixed(NOW.plusSeconds(10), ZoneOffset.UTC), meters);
		assertThat(meters.get("feed.websub.queue").gauge().value()).as("before the first read").isZero();
		metrics.refresh();
		assertThat(meters.get("feed.websub.queue").gauge().value()).isEqualTo(1);
		assertThat(meters.get("feed.websub.queue.age").gauge().value()).isEqualTo(10);
	}

	private void feedRevision(FeedKey feed, long revision) {
		if (this.jdbc.sql("UPDATE feed_state SET revision = :revision WHERE feed_key = :key")
			.param("revision", revision)
			.param("key", feed.storageKey())
			.update() == 0) {
			this.jdbc
				.sql("INSERT INTO feed_state (feed_key, name, revision, updated_at, changed_at) "
						+ "VALUES (:key, :key, :revision, :now, :now)")
				.param("key", feed.storageKey())
				.param("revision", revision)
				.param("now", java.sql.Timestamp.from(NOW))
				.update();
		}
	}

	private void subscribe(FeedKey feed, String callback, Instant expiresAt) {
		String url = "https://news.example/feeds/" + feed.path() + "atom.xml";
		Topic topic = new Topic(url, url, feed, FeedFormat.ATOM);
		assertThat(this.subscriptions.save(new Subscription(topic, callback, null, LEASE, expiresAt), NOW, 100))
			.isTrue();
	}

	private boolean queue(FeedKey... feeds) {
		return new TransactionTemplate(this.transactions).execute((status) -> this.queue.queue(List.of(feeds), NOW));
	}

	private int pending() {
		return this.jdbc.sql("SELECT COUNT(*) FROM websub_delivery").query(Integer.class).single();
	}

}
