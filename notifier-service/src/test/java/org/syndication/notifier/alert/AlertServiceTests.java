package org.syndication.notifier.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.SubscriberRows;
import org.syndication.notifier.alert.ArticleChange.Kind;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.subscription.SubscriberRanges;
import org.syndication.web.pipeline.PipelineAutoConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of one poll applied together, and the alerts of publications queued in
 * chunks (of two subscribers here), on H2; {@link AlertServicePostgresTests} runs the
 * same on PostgreSQL. Each batch must leave what applying its events one by one, in their
 * order, would leave.
 */
@JdbcTest(
		properties = { "notifier.token-secret=test-secret-test-secret-test-secret-42", "notifier.fanout.chunk-size=2" })
@ImportAutoConfiguration(PipelineAutoConfiguration.class)
@Import({ AlertService.class, AlertFanouts.class, ArticleRepository.class, FanoutRepository.class,
		SubscriberRanges.class, Deliveries.class, AlertServiceTests.FixedClock.class })
@EnableConfigurationProperties(NotifierProperties.class)
class AlertServiceTests {

	private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

	@Autowired
	private AlertService alerts;

	@Autowired
	private AlertFanouts fanouts;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void twoSubscribers() {
		// On PostgreSQL the schema is shared with the other test classes of the run,
		// some of which leave subscribers and articles behind: each test here sees
		// only its own. Its transaction, and this with it, is rolled back at its end
		// (a test that commits clears the tables again at its end).
		clear();
		subscriber("everything@example.org", List.of());
		subscriber("politics@example.org", List.of("politics"));
	}

	@Test
	void aPublicationEditAndRetractionOfOneArticleInOneBatchLeaveWhatTheyLeaveOneByOne() {
		UUID together = UUID.randomUUID();
		UUID oneByOne = UUID.randomUUID();

		this.alerts
			.apply(List.of(published(together, "politics"), updated(together, 2, "culture"), retracted(together, 3)));
		this.fanouts.runAll();
		for (ArticleChange change : List.of(published(oneByOne, "politics"), updated(oneByOne, 2, "culture"),
				retracted(oneByOne, 3))) {
			this.alerts.apply(List.of(change));
			this.fanouts.runAll();
		}

		assertThat(row(together)).containsEntry("VERSION", 3L)
			.containsEntry("TITLE", "Title 2")
			.containsEntry("RETRACTED", true);
		assertThat(row(together)).isEqualTo(row(oneByOne));
		assertThat(categories(together)).containsExactly("culture").isEqualTo(categories(oneByOne));
		// One by one, both subscribers were alerted of the publication, and both alerts
		// cancelled; together, the retraction came before any alert was queued.
		assertThat(alerts(oneByOne)).containsExactly("CANCELLED", "CANCELLED");
		assertThat(alerts(together)).isEmpty();
		assertThat(this.fanouts.pending()).isZero();
	}

	@Test
	void aReplayAfterARestoreRaisesNoAlertAndCancelsWhatTheBackupHadQueuedBeforeTheLostDatabaseLastWorked() {
		// The backup: one article's alerts queued, another's fan-out started.
		UUID queued = UUID.randomUUID();
		UUID started = UUID.randomUUID();
		this.alerts.apply(List.of(published(queued, "politics")));
		this.fanouts.runAll();
		this.alerts.apply(List.of(published(started, "culture")));
		UUID replayed = UUID.randomUUID();

		this.alerts.replay(List.of(published(replayed, "politics")), NOW.plusSeconds(60));
		this.fanouts.runAll();

		assertThat(alerts(queued)).containsExactly("CANCELLED", "CANCELLED");
		assertThat(alerts(started)).isEmpty();
		assertThat(alerts(replayed)).isEmpty();
		assertThat(this.jdbc.sql("SELECT replayed FROM article_alert WHERE article_id = :id")
			.param("id", replayed)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(categories(replayed)).containsExactly("politics");

		UUID news = UUID.randomUUID();
		this.alerts.apply(List.of(published(news, "politics")));
		this.fanouts.runAll();
		assertThat(alerts(news)).containsExactly("PENDING", "PENDING");
	}

	@Test
	void duplicatesInABatchQueueNothingMore() {
		UUID article = UUID.randomUUID();
		ArticleChange publication = published(article, "politics");

		this.alerts.apply(List.of(publication, publication, published(article, "culture")));
		this.fanouts.runAll();
		this.alerts.apply(List.of(publication));
		this.fanouts.runAll();

		assertThat(alerts(article)).containsExactly("PENDING", "PENDING");
		assertThat(categories(article)).containsExactly("politics");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM article_alert").query(Long.class).single()).isOne();
	}

	@Test
	void anEditQueuesNothingButGivesTheWaitingAlertsTheNewestTextAndAnOlderEditIsIgnored() {
		UUID article = UUID.randomUUID();
		this.alerts.apply(List.of(published(article, "culture")));
		this.fanouts.runAll();

		this.alerts.apply(List.of(updated(article, 3, "politics"), updated(article, 2, "sport")));
		this.fanouts.runAll();

		assertThat(alerts(article)).containsExactly("PENDING");
		assertThat(row(article)).containsEntry("VERSION", 3L).containsEntry("TITLE", "Title 3");
		assertThat(categories(article)).containsExactly("politics");
	}

	@Test
	void aRetractionCancelsWhatWasQueuedInAnEarlierBatchAndALateDuplicateRaisesNothing() {
		UUID article = UUID.randomUUID();
		this.alerts.apply(List.of(published(article, "politics")));
		this.fanouts.runAll();

		this.alerts.apply(List.of(retracted(article, 2), published(article, "politics")));
		this.fanouts.runAll();

		assertThat(alerts(article)).containsExactly("CANCELLED", "CANCELLED");
		assertThat(row(article)).containsEntry("RETRACTED", true).containsEntry("VERSION", 2L);
	}

	@Test
	void aRetractionSeenBeforeItsPublicationIsRememberedSoThePublicationRaisesNothing() {
		UUID article = UUID.randomUUID();

		this.alerts.apply(List.of(retracted(article, 2), published(article, "politics"), updated(article, 3, "sport")));
		this.fanouts.runAll();

		assertThat(alerts(article)).isEmpty();
		assertThat(row(article)).containsEntry("RETRACTED", true).containsEntry("VERSION", 2L);
		assertThat(categories(article)).isEmpty();
	}

	@Test
	void oldNewsInABatchRaisesNothingAndTheRestOfTheBatchIsApplied() {
		UUID old = UUID.randomUUID();
		UUID fresh = UUID.randomUUID();
		Article oldArticle = article(old, 1, List.of("politics"), NOW.minus(Duration.ofDays(2)));

		this.alerts.apply(List.of(new ArticleChange(Kind.PUBLISHED, oldArticle, NOW.minus(Duration.ofDays(2))),
				published(fresh, "culture")));
		this.fanouts.runAll();

		assertThat(alerts(old)).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM article_alert WHERE article_id = :id")
			.param("id", old)
			.query(Long.class)
			.single()).isZero();
		assertThat(alerts(fresh)).containsExactly("PENDING");
	}

	@Test
	void aPublicationsAlertsAreQueuedInChunksOfSubscribersEachSubscriberOnce() {
		for (int i = 0; i < 5; i++) {
			subscriber("reader-" + i + "@example.org", List.of());
		}
		UUID article = UUID.randomUUID();
		this.alerts.apply(List.of(published(article, "politics")));
		assertThat(alerts(article)).isEmpty();

		List<Integer> chunks = new ArrayList<>();
		Optional<Integer> chunk;
		while ((chunk = this.fanouts.runChunk()).isPresent()) {
			chunks.add(chunk.get());
		}

		// Seven subscribers, all matching, two a chunk.
		assertThat(chunks).containsExactly(2, 2, 2, 1);
		assertThat(this.fanouts.runChunk()).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(DISTINCT subscriber_id) FROM mail_delivery WHERE article_id = :id")
			.param("id", article)
			.query(Long.class)
			.single()).isEqualTo(7);
		assertThat(alerts(article)).hasSize(7).containsOnly("PENDING");
		assertThat(this.fanouts.pending()).isZero();
		assertThat(this.fanouts.runAll()).isZero();
	}

	@Test
	void aFanOutToNoMoreSubscribersThanAChunkIsOneChunk() {
		UUID article = UUID.randomUUID();
		this.alerts.apply(List.of(published(article, "politics")));

		assertThat(this.fanouts.runChunk()).contains(2);
		assertThat(this.fanouts.pending()).isZero();
		assertThat(this.fanouts.runChunk()).isEmpty();
	}

	@Test
	void smallFanOutsAreQueuedTogetherWhileTheyLeaveRoomInAChunk() {
		// Only the subscriber to everything takes culture: one alert each.
		List<UUID> articles = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		this.alerts.apply(articles.stream().map((id) -> published(id, "culture")).toList());

		// The first two fill a chunk of two, the third is the next chunk.
		assertThat(this.fanouts.runChunk()).contains(2);
		assertThat(this.fanouts.pending()).isOne();
		assertThat(this.fanouts.runChunk()).contains(1);
		assertThat(this.fanouts.pending()).isZero();
		assertThat(articles).allSatisfy((article) -> assertThat(alerts(article)).containsExactly("PENDING"));
	}

	@Test
	void oneTransactionQueuesAtMostTwentyFanOutsThatQueueNothing() {
		clear();
		this.alerts.apply(IntStream.range(0, 25).mapToObj((i) -> published(UUID.randomUUID(), "culture")).toList());

		assertThat(this.fanouts.runChunk()).contains(0);
		assertThat(this.fanouts.pending()).isEqualTo(5);
		assertThat(this.fanouts.runChunk()).contains(0);
		assertThat(this.fanouts.pending()).isZero();
		assertThat(this.fanouts.runChunk()).isEmpty();
	}

	@Test
	void aRetractionStopsAFanOutUnderWayAndCancelsWhatItHadQueued() {
		for (int i = 0; i < 5; i++) {
			subscriber("reader-" + i + "@example.org", List.of());
		}
		UUID article = UUID.randomUUID();
		this.alerts.apply(List.of(published(article, "politics")));
		assertThat(this.fanouts.runChunk()).contains(2);

		this.alerts.apply(List.of(retracted(article, 2)));
		assertThat(alerts(article)).containsExactly("CANCELLED", "CANCELLED");

		// The next chunk finds the article retracted, queues nothing and ends it.
		assertThat(this.fanouts.runChunk()).contains(0);
		assertThat(this.fanouts.pending()).isZero();
		assertThat(alerts(article)).containsExactly("CANCELLED", "CANCELLED");
	}

	@Test
	void theAlertsOfAPublicationGoToTheSubscribersOfTheCategoriesItWasPublishedIn() {
		UUID article = UUID.randomUUID();
		this.alerts.apply(List.of(published(article, "culture")));
		// An edit before the fan-out ran changes whom it is for no more than after.
		this.alerts.apply(List.of(updated(article, 2, "politics")));

		this.fanouts.runAll();

		assertThat(this.jdbc
			.sql("SELECT s.email FROM mail_delivery d JOIN subscriber s ON s.id = d.subscriber_id "
					+ "WHERE d.article_id = :id")
			.param("id", article)
			.query(String.class)
			.list()).containsExactly("everything@example.org");
	}

	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void twoInstancesQueueingAtOnceQueueEachAlertOnce() throws Exception {
		// Committed for real here, each chunk in its own transaction, so that the two
		// workers contend for the fan-outs' row locks.
		try {
			for (int i = 0; i < 40; i++) {
				subscriber("reader-" + i + "@example.org", List.of());
			}
			List<UUID> articles = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
			this.alerts.apply(articles.stream().map((id) -> published(id, "politics")).toList());

			ExecutorService workers = Executors.newFixedThreadPool(2);
			try {
				CyclicBarrier start = new CyclicBarrier(2);
				Callable<Long> worker = () -> {
					start.await();
					return this.fanouts.runAll();
				};
				Future<Long> one = workers.submit(worker);
				Future<Long> two = workers.submit(worker);
				assertThat(one.get(1, TimeUnit.MINUTES) + two.get(1, TimeUnit.MINUTES)).isEqualTo(3 * 42);
			}
			finally {
				workers.shutdownNow();
			}
			assertThat(this.jdbc.sql("""
					SELECT COUNT(*) FROM (SELECT DISTINCT article_id, subscriber_id FROM mail_delivery
					WHERE article_id IN (:ids)) pairs""").param("ids", articles).query(Long.class).single())
				.isEqualTo(3 * 42);
			assertThat(this.fanouts.pending()).isZero();
		}
		finally {
			clear();
		}
	}

	private static ArticleChange published(UUID id, String category) {
		return new ArticleChange(Kind.PUBLISHED,
				article(id, 1, List.of(category.toUpperCase(Locale.ROOT)), NOW.minusSeconds(60)), NOW.minusSeconds(60));
	}

	private static ArticleChange updated(UUID id, long version, String category) {
		return new ArticleChange(Kind.UPDATED, article(id, version, List.of(category), NOW.minusSeconds(60)), NOW);
	}

	private static ArticleChange retracted(UUID id, long version) {
		return new ArticleChange(Kind.RETRACTED, article(id, version, List.of(), NOW.minusSeconds(60)), NOW);
	}

	private static Article article(UUID id, long version, List<String> categories, Instant publishedAt) {
		return new Article(id, version, "Title " + version, "Summary " + version, "<p>Body " + version + "</p>",
				"https://news.example.org/article", "en", categories, publishedAt, false, null);
	}

	private void subscriber(String email, List<String> categories) {
		SubscriberRows.insert(this.jdbc, email, "CONFIRMED", categories, NOW);
	}

	private void clear() {
		for (String table : List.of("alert_fanout", "digest_item", "mail_delivery", "subscriber_category", "subscriber",
				"article_category", "article_alert")) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
	}

	private Map<String, Object> row(UUID article) {
		return this.jdbc.sql("""
				SELECT version, title, summary, content_html, url, language, published_at, retracted
				FROM article_alert WHERE article_id = :id""")
			.param("id", article)
			.query((rs, number) -> Map.<String, Object>of("VERSION", rs.getLong(1), "TITLE", rs.getString(2), "SUMMARY",
					String.valueOf(rs.getString(3)), "CONTENT", String.valueOf(rs.getString(4)), "URL", rs.getString(5),
					"LANGUAGE", rs.getString(6), "PUBLISHED_AT", rs.getObject(7).toString(), "RETRACTED",
					rs.getBoolean(8)))
			.single();
	}

	private List<String> categories(UUID article) {
		return this.jdbc.sql("SELECT category FROM article_category WHERE article_id = :id ORDER BY category")
			.param("id", article)
			.query(String.class)
			.list();
	}

	private List<String> alerts(UUID article) {
		return this.jdbc.sql("SELECT status FROM mail_delivery WHERE article_id = :id ORDER BY status")
			.param("id", article)
			.query(String.class)
			.list();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
