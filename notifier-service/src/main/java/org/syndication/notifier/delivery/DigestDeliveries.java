package org.syndication.notifier.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.syndication.notifier.digest.DigestQueue;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The digests in the delivery queue: each a delivery of kind {@code DIGEST}, unique per
 * subscriber and period, with the articles it lists in {@code digest_item}. Subscribers
 * are handled a chunk at a time with set-based statements, which read the subscription
 * and article tables in place: a run for any number of subscribers holds a chunk in
 * memory at most.
 */
@Repository
public class DigestDeliveries implements DigestQueue {

	/**
	 * An article a subscriber's digest lists: received before the window's end, still
	 * live, in a category the subscriber wants, and not mailed to the subscriber already
	 * (as breaking news, as an alert before the subscriber chose digests, or in an
	 * earlier digest), nor recorded again after a restore. Windows overlap by a minute,
	 * so that an article whose recording committed only after a run had read the articles
	 * goes into the next digest rather than into none; the last condition keeps it from
	 * going into two.
	 */
	private static final String ELIGIBLE = """
			a.retracted = FALSE AND a.replayed = FALSE
			AND a.received_at >= s.digest_since - INTERVAL '1' MINUTE AND a.received_at < :end
			AND a.received_at >= s.confirmed_at
			AND NOT EXISTS (SELECT 1 FROM mail_delivery m WHERE m.article_id = a.article_id AND m.subscriber_id = s.id)
			AND NOT EXISTS (SELECT 1 FROM digest_item i WHERE i.subscriber_id = s.id AND i.article_id = a.article_id)
			AND (s.all_categories = TRUE OR EXISTS (SELECT 1 FROM article_category ac JOIN subscriber_category sc
			ON sc.category = ac.category WHERE ac.article_id = a.article_id AND sc.subscriber_id = s.id))""";

	private final JdbcClient jdbc;

	DigestDeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public int queue(List<UUID> subscribers, String periodKey, Instant end, Instant now) {
		int queued = this.jdbc.sql("""
				INSERT INTO mail_delivery (kind, article_id, period_key, subscriber_id, status, attempts,
				next_attempt_at, created_at)
				SELECT 'DIGEST', NULL, :key, s.id, 'PENDING', 0, :now, :now FROM subscriber s
				WHERE s.id IN (:ids)
				AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.email_key = s.email_key)
				AND NOT EXISTS (SELECT 1 FROM mail_delivery d WHERE d.subscriber_id = s.id AND d.period_key = :key)
				AND EXISTS (SELECT 1 FROM article_alert a WHERE\s""" + ELIGIBLE + ")")
			.param("ids", subscribers)
			.param("key", periodKey)
			.param("end", utc(end))
			.param("now", utc(now))
			.update();
		if (queued > 0) {
			this.jdbc.sql("""
					INSERT INTO digest_item (delivery_id, subscriber_id, article_id)
					SELECT d.id, s.id, a.article_id FROM mail_delivery d JOIN subscriber s ON s.id = d.subscriber_id
					JOIN article_alert a ON\s""" + ELIGIBLE + """

					WHERE d.subscriber_id IN (:ids) AND d.period_key = :key
					AND NOT EXISTS (SELECT 1 FROM digest_item i WHERE i.delivery_id = d.id)""")
				.param("ids", subscribers)
				.param("key", periodKey)
				.param("end", utc(end))
				.update();
		}
		return queued;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
