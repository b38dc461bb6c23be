package org.syndication.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.syndication.notifier.SubscriberRows;
import org.syndication.notifier.delivery.Deliveries.Alert;
import org.syndication.notifier.delivery.Deliveries.SubscriberRange;
import org.syndication.notifier.digest.Frequency;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery queue's statements on H2; {@link DeliveriesPostgresTests} runs them on
 * PostgreSQL.
 */
@JdbcTest
@Import({ Deliveries.class, DeliveryRepository.class, DeliveryClaims.class })
@EnableConfigurationProperties(ClaimSettings.class)
class DeliveriesTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	@Autowired
	private Deliveries deliveries;

	@Autowired
	private DeliveryRepository repository;

	@Autowired
	private DeliveryClaims claims;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void alertsGoOnceToEachConfirmedUnsuppressedMatchingSubscriber() {
		UUID everything = subscriber("everything@example.org", "CONFIRMED", List.of());
		UUID politics = subscriber("politics@example.org", "CONFIRMED", List.of("politics"));
		subscriber("culture@example.org", "CONFIRMED", List.of("culture"));
		subscriber("pending@example.org", "PENDING", List.of());
		subscriber("gone@example.org", "CONFIRMED", List.of());
		this.jdbc.sql(
				"INSERT INTO suppression (email_key, reason, created_at) VALUES ('gone@example.org', 'unsubscribed', :now)")
			.param("now", NOW.atOffset(ZoneOffset.UTC))
			.update();
		UUID article = article();

		assertThat(this.deliveries.enqueueAlerts(new Alert(article, List.of("politics", "economy"), false, NOW),
				SubscriberRange.all(), NOW))
			.isEqualTo(2);
		assertThat(this.deliveries.enqueueAlerts(new Alert(article, List.of("politics", "economy"), false, NOW),
				SubscriberRange.all(), NOW))
			.isZero();
		assertThat(this.jdbc.sql("SELECT subscriber_id FROM mail_delivery WHERE article_id = :article")
			.param("article", article)
			.query(UUID.class)
			.list()).containsExactlyInAnyOrder(everything, politics);
		assertThat(due(NOW)).hasSize(2).allMatch(DueMail::stillWanted);
	}

	@Test
	void digestSubscribersAreAlertedOfBreakingNewsOnly() {
		UUID immediate = subscriber("immediate@example.org", "CONFIRMED", List.of());
		UUID daily = subscriber("daily@example.org", "CONFIRMED", List.of());
		this.jdbc.sql("UPDATE subscriber SET frequency = 'daily', digest_since = :now WHERE id = :id")
			.param("id", daily)
			.param("now", NOW.atOffset(ZoneOffset.UTC))
			.update();
		UUID news = article();
		UUID breaking = article();
		assertThat(this.deliveries.enqueueAlerts(new Alert(news, List.of(), false, NOW), SubscriberRange.all(), NOW))
			.isEqualTo(1);
		assertThat(this.deliveries.enqueueAlerts(new Alert(breaking, List.of(), true, NOW), SubscriberRange.all(), NOW))
			.isEqualTo(2);
		assertThat(recipients(news)).containsExactly(immediate);
		assertThat(recipients(breaking)).containsExactlyInAnyOrder(immediate, daily);
	}

	@Test
	void aBreakingArticleThatADigestAlreadyListedIsNotAlertedToThatSubscriber() {
		UUID listed = subscriber("listed@example.org", "CONFIRMED", List.of());
		UUID other = subscriber("other@example.org", "CONFIRMED", List.of());
		this.jdbc.sql("UPDATE subscriber SET frequency = 'daily', digest_since = :now")
			.param("now", NOW.atOffset(ZoneOffset.UTC))
			.update();
		UUID breaking = article();
		digest(listed, "daily-2026-11-23", breaking);

		assertThat(this.deliveries.enqueueAlerts(new Alert(breaking, List.of(), true, NOW), SubscriberRange.all(), NOW))
			.isEqualTo(1);
		assertThat(recipients(breaking)).containsExactly(other);
	}

	@Test
	void onlySubscribersConfirmedByTheTimeTheArticleArrivedAreAlerted() {
		UUID before = subscriber("before@example.org", "CONFIRMED", List.of());
		SubscriberRows.insert(this.jdbc, "after@example.org", "CONFIRMED", List.of(), NOW.plusSeconds(1));
		UUID article = article();

		assertThat(this.deliveries.enqueueAlerts(new Alert(article, List.of(), false, NOW), SubscriberRange.all(), NOW))
			.isEqualTo(1);
		assertThat(recipients(article)).containsExactly(before);
	}

	@Test
	void alertsAreQueuedForTheSubscribersOfARangeOfIdsOnly() {
		// On PostgreSQL other test classes of the run leave subscribers behind; this
		// test's transaction, and the deletion with it, is rolled back at its end.
		for (String table : List.of("digest_item", "mail_delivery", "subscriber_category", "subscriber")) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ids.add(subscriber("reader-" + i + "@example.org", "CONFIRMED", List.of()));
		}
		List<UUID> ordered = this.jdbc.sql("SELECT id FROM subscriber ORDER BY id").query(UUID.class).list();
		UUID article = article();
		Alert alert = new Alert(article, List.of(), false, NOW);

		assertThat(this.deliveries.enqueueAlerts(alert, new SubscriberRange(null, ordered.get(2)), NOW)).isEqualTo(2);
		assertThat(this.deliveries.enqueueAlerts(alert, new SubscriberRange(ordered.get(2), ordered.get(4)), NOW))
			.isEqualTo(2);
		assertThat(recipients(article)).containsExactlyInAnyOrderElementsOf(ordered.subList(0, 4));
		assertThat(this.deliveries.enqueueAlerts(alert, new SubscriberRange(ordered.get(4), null), NOW)).isEqualTo(2);
		assertThat(recipients(article)).containsExactlyInAnyOrderElementsOf(ids);
	}

	@Test
	void aDigestIsSentWithTheNewestTextOfItsArticlesAndNotAtAllWhenAllWereRetracted() {
		UUID subscriber = subscriber("daily@example.org", "CONFIRMED", List.of());
		UUID older = article();
		UUID newer = article();
		this.jdbc.sql("UPDATE article_alert SET published_at = :at, title = 'Newer, edited' WHERE article_id = :id")
			.param("id", newer)
			.param("at", NOW.plusSeconds(60).atOffset(ZoneOffset.UTC))
			.update();
		long digest = digest(subscriber, "daily-2026-11-24", older, newer);

		DueMail due = due(NOW).get(0);
		assertThat(due.id()).isEqualTo(digest);
		assertThat(due.kind()).isEqualTo(MailKind.DIGEST);
		assertThat(due.digestFrequency()).isEqualTo(Frequency.DAILY);
		assertThat(due.digest()).extracting(DueMail.Article::title).containsExactly("Newer, edited", "Title");
		assertThat(due.stillWanted()).isTrue();

		retract(newer);
		assertThat(due(NOW).get(0).digest()).extracting(DueMail.Article::title).containsExactly("Title");
		retract(older);
		assertThat(due(NOW).get(0).stillWanted()).isFalse();
	}

	@Test
	void retractionCancelsAlertsNotYetSent() {
		subscriber("reader@example.org", "CONFIRMED", List.of());
		UUID article = article();
		this.deliveries.enqueueAlerts(new Alert(article, List.of(), false, NOW), SubscriberRange.all(), NOW);
		assertThat(this.deliveries.cancelAlerts(article)).isEqualTo(1);
		assertThat(due(NOW)).isEmpty();
	}

	@Test
	void confirmationsAreQueuedAndSentWithTheSubscribersChoices() {
		UUID subscriber = subscriber("new@example.org", "PENDING", List.of("science"));
		this.deliveries.enqueueConfirmation(subscriber, NOW);
		DueMail due = due(NOW).get(0);
		assertThat(due.kind()).isEqualTo(MailKind.CONFIRMATION);
		assertThat(due.stillWanted()).isTrue();
		assertThat(this.repository.categories(subscriber)).containsExactly("science");

		this.repository.retryLater(due.id(), NOW.plusSeconds(30), "421 try later");
		assertThat(due(NOW.plusSeconds(10))).isEmpty();
		assertThat(due(NOW.plusSeconds(30))).extracting(DueMail::attempts).containsExactly(1);
		this.repository.markSent(due.id(), "<m@example.org>", NOW.plusSeconds(31));
		assertThat(due(NOW.plusSeconds(86_400))).isEmpty();
		assertThat(this.repository.pending()).isZero();
	}

	@Test
	void dueMailsAreCountedByKindWithHowLongTheOneQueuedFirstHasWaited() {
		// On PostgreSQL other test classes of the run leave deliveries behind; this
		// test's transaction, and the deletion with it, is rolled back at its end.
		this.jdbc.sql("DELETE FROM mail_delivery").update();
		UUID reader = subscriber("reader@example.org", "CONFIRMED", List.of());
		UUID newcomer = subscriber("newcomer@example.org", "PENDING", List.of());
		queued("CONFIRMATION", null, newcomer, "PENDING", NOW.minusSeconds(120), NOW.minusSeconds(120));
		queued("ALERT", article(), reader, "PENDING", NOW.minusSeconds(30), NOW.minusSeconds(30));
		queued("ALERT", article(), reader, "PENDING", NOW.minusSeconds(5), NOW);
		// Waiting for a retry, sent, cancelled: none of them is due.
		queued("ALERT", article(), reader, "PENDING", NOW.minusSeconds(600), NOW.plusSeconds(30));
		queued("ALERT", article(), reader, "SENT", NOW.minusSeconds(900), NOW.minusSeconds(900));
		queued("ALERT", article(), reader, "CANCELLED", NOW.minusSeconds(900), NOW.minusSeconds(900));

		assertThat(this.repository.due(NOW)).containsExactlyInAnyOrderEntriesOf(
				Map.of(MailKind.ALERT, new DeliveryRepository.Waiting(2, Duration.ofSeconds(30)), MailKind.CONFIRMATION,
						new DeliveryRepository.Waiting(1, Duration.ofSeconds(120)), MailKind.DIGEST,
						DeliveryRepository.Waiting.NONE));

		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		MailQueueMetrics metrics = new MailQueueMetrics(this.repository, Clock.fixed(NOW, ZoneOffset.UTC), meters);
		assertThat(meters.get("notifier.mail.due").tag("kind", "alert").gauge().value()).as("before the first read")
			.isZero();
		metrics.refresh();
		assertThat(meters.get("notifier.mail.due").tag("kind", "alert").gauge().value()).isEqualTo(2);
		assertThat(meters.get("notifier.mail.due.age").tag("kind", "alert").gauge().value()).isEqualTo(30);
		assertThat(meters.get("notifier.mail.due").tag("kind", "confirmation").gauge().value()).isEqualTo(1);
		assertThat(meters.get("notifier.mail.due.age").tag("kind", "confirmation").gauge().value()).isEqualTo(120);
		assertThat(meters.get("notifier.mail.due").tag("kind", "digest").gauge().value()).isZero();
		assertThat(meters.get("notifier.mail.due.age").tag("kind", "digest").gauge().value()).isZero();
	}

	/** What a dispatcher would be given to send at that time, claimed and given back. */
	private List<DueMail> due(Instant now) {
		Claim claim = this.claims.claim(now);
		try {
			return this.repository.claimed(claim);
		}
		finally {
			this.claims.release(claim);
		}
	}

	private List<UUID> recipients(UUID article) {
		return this.jdbc.sql("SELECT subscriber_id FROM mail_delivery WHERE article_id = :article")
			.param("article", article)
			.query(UUID.class)
			.list();
	}

	private long digest(UUID subscriber, String period, UUID... articles) {
		this.jdbc
			.sql("""
					INSERT INTO mail_delivery (kind, period_key, subscriber_id, status, attempts, next_attempt_at, created_at)
					VALUES ('DIGEST', :period, :subscriber, 'PENDING', 0, :now, :now)""")
			.param("period", period)
			.param("subscriber", subscriber)
			.param("now", NOW.atOffset(ZoneOffset.UTC))
			.update();
		long id = this.jdbc
			.sql("SELECT id FROM mail_delivery WHERE period_key = :period AND subscriber_id = :subscriber")
			.param("period", period)
			.param("subscriber", subscriber)
			.query(Long.class)
			.single();
		for (UUID article : articles) {
			this.jdbc.sql(
					"INSERT INTO digest_item (delivery_id, subscriber_id, article_id) VALUES (:id, :subscriber, :article)")
				.param("id", id)
				.param("subscriber", subscriber)
				.param("article", article)
				.update();
		}
		return id;
	}

	private void queued(String kind, UUID article, UUID subscriber, String status, Instant createdAt, Instant dueAt) {
		this.jdbc
			.sql("""
					INSERT INTO mail_delivery (kind, article_id, subscriber_id, status, attempts, next_attempt_at, created_at)
					VALUES (:kind, :article, :subscriber, :status, 0, :dueAt, :createdAt)""")
			.param("kind", kind)
			.param("article", article)
			.param("subscriber", subscriber)
			.param("status", status)
			.param("dueAt", dueAt.atOffset(ZoneOffset.UTC))
			.param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
			.update();
	}

	private void retract(UUID article) {
		this.jdbc.sql("UPDATE article_alert SET retracted = TRUE WHERE article_id = :id").param("id", article).update();
	}

	private UUID subscriber(String email, String status, List<String> categories) {
		return SubscriberRows.insert(this.jdbc, email, status, categories, NOW);
	}

	private UUID article() {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					INSERT INTO article_alert (article_id, version, title, url, language, published_at, retracted, received_at)
					VALUES (:id, 1, 'Title', 'https://news.example/a', 'en', :now, FALSE, :now)""")
			.param("id", id)
			.param("now", NOW.atOffset(ZoneOffset.UTC))
			.update();
		return id;
	}

}
