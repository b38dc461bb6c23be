package org.syndication.notifier.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.syndication.notifier.InProcessNotifier;
import org.syndication.notifier.SubscriberRows;
import org.syndication.testsupport.InProcessService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One notifier instance, started as in production but without Kafka. Its schedule looks
 * for due mail only once an hour, so that a test drives its dispatcher itself.
 */
final class NotifierInstance implements AutoCloseable {

	private final InProcessService service;

	final DeliveryDispatcher dispatcher;

	final DeliveryClaims claims;

	final ClaimLeases leases;

	final Deliveries deliveries;

	final JdbcClient jdbc;

	final TransactionTemplate transactions;

	/**
	 * Starts an instance.
	 * @param settings its database and whatever else the test sets
	 * @param smtpPort where it sends mail, on this host
	 */
	NotifierInstance(Map<String, String> settings, int smtpPort) {
		Map<String, String> properties = new LinkedHashMap<>(settings);
		properties.put("notifier.dispatch-interval", "1h");
		this.service = InProcessNotifier.start(properties, smtpPort);
		this.dispatcher = this.service.bean(DeliveryDispatcher.class);
		this.claims = this.service.bean(DeliveryClaims.class);
		this.leases = this.service.bean(ClaimLeases.class);
		this.deliveries = this.service.bean(Deliveries.class);
		this.jdbc = this.service.bean(JdbcClient.class);
		this.transactions = new TransactionTemplate(this.service.bean(PlatformTransactionManager.class));
	}

	/** The instance as {@code claimed_by} names it. */
	String name() {
		return this.claims.instance();
	}

	/**
	 * Confirmed subscribers who take every alert, and one article's alerts to them, due
	 * at the given time.
	 * @return the article
	 */
	UUID queueAlerts(int subscribers, Instant now) {
		for (int i = 0; i < subscribers; i++) {
			SubscriberRows.insert(this.jdbc, "reader-%04d@example.org".formatted(i), "CONFIRMED", List.of(), now);
		}
		UUID article = UUID.randomUUID();
		this.jdbc
			.sql("""
					INSERT INTO article_alert (article_id, version, title, url, language, published_at, retracted, received_at)
					VALUES (:id, 1, 'Title', 'https://news.example/a', 'en', :now, FALSE, :now)""")
			.param("id", article)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		int queued = this.transactions
			.execute((status) -> this.deliveries.enqueueAlerts(new Deliveries.Alert(article, List.of(), false, now),
					Deliveries.SubscriberRange.all(), now));
		assertThat(queued).isEqualTo(subscribers);
		return article;
	}

	@Override
	public void close() {
		this.service.close();
	}

}
