package org.syndication.notifier.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue of mails to send. Writing to it joins the caller's transaction, so a mail is
 * queued exactly when the change that calls for it commits; {@link DeliveryDispatcher}
 * sends it afterwards.
 */
@Repository
public class Deliveries {

	/** Subscriber ids per {@code IN} list, well under what either database takes. */
	private static final int IDS_PER_STATEMENT = 1000;

	private final JdbcClient jdbc;

	Deliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueueConfirmation(UUID subscriberId, Instant now) {
		this.jdbc
			.sql("""
					INSERT INTO mail_delivery (kind, article_id, subscriber_id, status, attempts, next_attempt_at, created_at)
					VALUES ('CONFIRMATION', NULL, :subscriber, 'PENDING', 0, :now, :now)""")
			.param("subscriber", subscriberId)
			.param("now", utc(now))
			.update();
	}

	/**
	 * Queues one alert for each subscriber of a range of ids who was confirmed when the
	 * article arrived, is not suppressed, takes alerts (or, for breaking news, digests
	 * too) and wants everything or any of the categories. The unique key on (article,
	 * subscriber) makes a second call for the same range queue nothing more, and keeps
	 * the article out of the digests of those alerted; a subscriber whose digest already
	 * listed the article is not alerted of it.
	 * @param alert the article and whom it is for
	 * @param subscribers the subscribers to look at
	 * @param now the time
	 * @return how many alerts were queued
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int enqueueAlerts(Alert alert, SubscriberRange subscribers, Instant now) {
		// One statement for a range of subscribers; the subscription tables are read
		// here rather than through their service because fan-out to many thousands must
		// not load them into memory. The range is walked along the primary key and each
		// subscriber in it looked up: the outer join keeps H2 from walking an index on
		// status or frequency instead, through every subscriber, for each chunk. The
		// category match is one look-up per subscriber, and most fail it, so the
		// look-ups in suppression, mail_delivery and digest_item are made only for
		// those who match.
		String range = ((subscribers.from() != null) ? " AND id >= :from" : "")
				+ ((subscribers.until() != null) ? " AND id < :until" : "");
		String categoryMatch = alert.categories().isEmpty() ? ""
				: " OR EXISTS (SELECT 1 FROM subscriber_category c WHERE c.subscriber_id = s.id "
						+ "AND c.category IN (:categories))";
		var statement = this.jdbc
			.sql("""
					INSERT INTO mail_delivery (kind, article_id, subscriber_id, status, attempts, next_attempt_at, created_at)
					SELECT 'ALERT', :article, s.id, 'PENDING', 0, :now, :now
					FROM (SELECT id FROM subscriber WHERE TRUE"""
					+ range + """
							) r LEFT JOIN subscriber s ON s.id = r.id
							WHERE (s.all_categories = TRUE""" + categoryMatch
					+ ") AND s.status = 'CONFIRMED' AND s.confirmed_at <= :received"
					+ (alert.breaking() ? "" : " AND s.frequency = 'immediate'")
					+ """
							 AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.email_key = s.email_key)
							AND NOT EXISTS (SELECT 1 FROM mail_delivery d WHERE d.article_id = :article AND d.subscriber_id = s.id)
							AND NOT EXISTS (SELECT 1 FROM digest_item i WHERE i.subscriber_id = s.id AND i.article_id = :article)""")
			.param("article", alert.articleId())
			.param("received", utc(alert.receivedAt()))
			.param("now", utc(now));
		if (!alert.categories().isEmpty()) {
			statement = statement.param("categories", alert.categories());
		}
		if (subscribers.from() != null) {
			statement = statement.param("from", subscribers.from());
		}
		if (subscribers.until() != null) {
			statement = statement.param("until", subscribers.until());
		}
		return statement.update();
	}

	/**
	 * An article whose subscribers are alerted.
	 *
	 * @param articleId the article
	 * @param categories its categories, lower case
	 * @param breaking whether digest subscribers are alerted too
	 * @param receivedAt when it arrived: only subscribers confirmed by then are alerted
	 */
	public record Alert(UUID articleId, List<String> categories, boolean breaking, Instant receivedAt) {

	}

	/**
	 * Subscribers by id: from one id on (from the first, when {@code null}) up to
	 * another, which is left out (to the last, when {@code null}).
	 */
	public record SubscriberRange(UUID from, UUID until) {

		public static SubscriberRange all() {
			return new SubscriberRange(null, null);
		}

	}

	/** Cancels the alerts for an article that have not gone out yet. */
	public int cancelAlerts(UUID articleId) {
		// Found through the article's own deliveries (the unique key starts with it), not
		// through every pending one.
		return this.jdbc.sql("""
				UPDATE mail_delivery SET status = 'CANCELLED'
				WHERE id IN (SELECT d.id FROM mail_delivery d WHERE d.article_id = :article) AND status = 'PENDING'""")
			.param("article", articleId)
			.update();
	}

	/**
	 * Cancels the alerts and digests queued before a time and not sent: after a restore
	 * from an older backup, the database that was lost had most likely sent them.
	 * @return how many were cancelled
	 */
	public int cancelQueuedBefore(Instant before) {
		return this.jdbc.sql("""
				UPDATE mail_delivery SET status = 'CANCELLED'
				WHERE status = 'PENDING' AND kind IN ('ALERT', 'DIGEST') AND created_at < :before""")
			.param("before", utc(before))
			.update();
	}

	/** Cancels everything not yet sent to a subscriber, who has just unsubscribed. */
	public int cancelPending(UUID subscriberId) {
		return this.jdbc.sql(
				"UPDATE mail_delivery SET status = 'CANCELLED' WHERE subscriber_id = :subscriber AND status = 'PENDING'")
			.param("subscriber", subscriberId)
			.update();
	}

	/**
	 * Deletes every mail of subscribers who never confirmed, along with them: nothing was
	 * sent to them but their confirmation.
	 * @param subscriberIds the subscribers being deleted
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void deleteAll(List<UUID> subscriberIds) {
		for (int from = 0; from < subscriberIds.size(); from += IDS_PER_STATEMENT) {
			this.jdbc.sql("DELETE FROM mail_delivery WHERE subscriber_id IN (:ids)")
				.param("ids", subscriberIds.subList(from, Math.min(subscriberIds.size(), from + IDS_PER_STATEMENT)))
				.update();
		}
	}

	/**
	 * Erases a subscriber's mails and the lists of their digests, as an administrator's
	 * erasure of the subscriber asks.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void erase(UUID subscriberId) {
		this.jdbc.sql("DELETE FROM digest_item WHERE subscriber_id = :id").param("id", subscriberId).update();
		this.jdbc.sql("DELETE FROM mail_delivery WHERE subscriber_id = :id").param("id", subscriberId).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
