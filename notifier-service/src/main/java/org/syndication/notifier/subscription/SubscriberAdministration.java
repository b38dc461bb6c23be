package org.syndication.notifier.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.NotifierProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator can see and do about subscribers: find them by address, see one
 * subscriber's state and history (the mails queued and sent, the bounces and complaints),
 * export it, and erase a subscriber; list and lift suppressions; count what became of an
 * article's mails. The history is read straight from the delivery and bounce tables, as a
 * report over the whole service.
 */
@Service
class SubscriberAdministration {

	private static final Logger logger = LoggerFactory.getLogger(SubscriberAdministration.class);

	/** Subscribers found per search at most. */
	static final int FOUND_AT_MOST = 50;

	private final JdbcClient jdbc;

	private final SubscriberRepository subscribers;

	private final ErasedAddresses erased;

	private final Clock clock;

	SubscriberAdministration(JdbcClient jdbc, SubscriberRepository subscribers, NotifierProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.subscribers = subscribers;
		this.erased = new ErasedAddresses(properties.tokenSecret());
		this.clock = clock;
	}

	/**
	 * Subscribers whose address contains the text, case-insensitively, by address.
	 * @param text a part of the address
	 * @return at most {@value #FOUND_AT_MOST} of them
	 */
	@Transactional(readOnly = true)
	List<Map<String, Object>> find(String text) {
		String pattern = containing(SubscriptionService.emailKey(text));
		return this.jdbc.sql("""
				SELECT s.id, s.email, s.status, s.frequency, s.requested_at, s.confirmed_at,
				(SELECT COUNT(*) FROM suppression x WHERE x.email_key = s.email_key) AS suppressed
				FROM subscriber s WHERE s.email_key LIKE :pattern ESCAPE '\\' ORDER BY s.email_key
				FETCH FIRST :limit ROWS ONLY""")
			.param("pattern", pattern)
			.param("limit", FOUND_AT_MOST)
			.query((rs, row) -> {
				Map<String, Object> found = new LinkedHashMap<>();
				found.put("id", rs.getObject("id", UUID.class));
				found.put("email", rs.getString("email"));
				found.put("status", rs.getString("status"));
				found.put("frequency", rs.getString("frequency"));
				found.put("requestedAt", instant(rs.getObject("requested_at", OffsetDateTime.class)));
				found.put("confirmedAt", instant(rs.getObject("confirmed_at", OffsetDateTime.class)));
				found.put("suppressed", rs.getLong("suppressed") > 0);
				return found;
			})
			.list();
	}

	/**
	 * Everything the notifier holds about a subscriber: the subscription, whether the
	 * address is suppressed, every mail queued for it and what became of it, the articles
	 * its digests listed, and the bounces and complaints about its mails.
	 * @return the record, or empty if there is no such subscriber
	 */
	@Transactional(readOnly = true)
	Optional<Map<String, Object>> record(UUID id) {
		return this.subscribers.findById(id).map((subscriber) -> {
			Map<String, Object> record = new LinkedHashMap<>();
			Map<String, Object> subscription = new LinkedHashMap<>();
			subscription.put("id", subscriber.id());
			subscription.put("email", subscriber.email());
			subscription.put("status", subscriber.status().name());
			subscription.put("categories", subscriber.categories());
			subscription.put("frequency", subscriber.frequency().value());
			subscription.put("timeZone", (subscriber.timeZone() != null) ? subscriber.timeZone().getId() : null);
			subscription.put("requestedAt", subscriber.requestedAt());
			subscription.put("confirmedAt", subscriber.confirmedAt());
			record.put("subscriber", subscription);
			record.put("suppression",
					this.jdbc.sql("SELECT reason, created_at FROM suppression WHERE email_key = :key")
						.param("key", SubscriptionService.emailKey(subscriber.email()))
						.query((rs, row) -> {
							Map<String, Object> suppression = new LinkedHashMap<>();
							suppression.put("reason", rs.getString("reason"));
							suppression.put("since", instant(rs.getObject("created_at", OffsetDateTime.class)));
							return suppression;
						})
						.optional()
						.orElse(null));
			record.put("mails",
					this.jdbc
						.sql("""
								SELECT id, kind, article_id, period_key, status, attempts, message_id, last_error, created_at, sent_at
								FROM mail_delivery WHERE subscriber_id = :id ORDER BY created_at, id""")
						.param("id", id)
						.query((rs, row) -> {
							Map<String, Object> mail = new LinkedHashMap<>();
							mail.put("id", rs.getLong("id"));
							mail.put("kind", rs.getString("kind"));
							mail.put("articleId", rs.getObject("article_id", UUID.class));
							mail.put("period", rs.getString("period_key"));
							mail.put("status", rs.getString("status"));
							mail.put("attempts", rs.getInt("attempts"));
							mail.put("messageId", rs.getString("message_id"));
							mail.put("lastError", rs.getString("last_error"));
							mail.put("queuedAt", instant(rs.getObject("created_at", OffsetDateTime.class)));
							mail.put("sentAt", instant(rs.getObject("sent_at", OffsetDateTime.class)));
							return mail;
						})
						.list());
			record.put("digestItems", this.jdbc
				.sql("SELECT delivery_id, article_id FROM digest_item WHERE subscriber_id = :id ORDER BY delivery_id")
				.param("id", id)
				.query((rs, row) -> Map.of("mailId", rs.getLong(1), "articleId", rs.getObject(2, UUID.class)))
				.list());
			record.put("bounces", this.jdbc.sql("""
					SELECT kind, delivery_id, status, detail, received_at FROM bounce_report
					WHERE subscriber_id = :id ORDER BY received_at""").param("id", id).query((rs, row) -> {
				Map<String, Object> bounce = new LinkedHashMap<>();
				bounce.put("kind", rs.getString("kind"));
				bounce.put("mailId", rs.getObject("delivery_id", Long.class));
				bounce.put("status", rs.getString("status"));
				bounce.put("detail", rs.getString("detail"));
				bounce.put("receivedAt", instant(rs.getObject("received_at", OffsetDateTime.class)));
				return bounce;
			}).list());
			return record;
		});
	}

	/**
	 * Erases a subscriber: the subscription, its categories, its mails, digests and
	 * bounce reports are deleted, and the address stays on the suppression list only as a
	 * keyed hash, so that it is not mailed again unless it subscribes anew.
	 * @return whether there was such a subscriber
	 */
	@Transactional
	boolean erase(UUID id) {
		Optional<Subscriber> found = this.subscribers.findByIdForUpdate(id);
		if (found.isEmpty()) {
			return false;
		}
		String emailKey = SubscriptionService.emailKey(found.get().email());
		String reason = this.jdbc.sql("SELECT reason FROM suppression WHERE email_key = :key")
			.param("key", emailKey)
			.query(String.class)
			.optional()
			.orElse("erased");
		this.jdbc.sql("DELETE FROM suppression WHERE email_key = :key").param("key", emailKey).update();
		String hashed = this.erased.key(emailKey);
		this.jdbc.sql("DELETE FROM suppression WHERE email_key = :key").param("key", hashed).update();
		this.jdbc.sql("INSERT INTO suppression (email_key, reason, created_at) VALUES (:key, :reason, :now)")
			.param("key", hashed)
			.param("reason", reason)
			.param("now", Instant.now(this.clock).atOffset(ZoneOffset.UTC))
			.update();
		// Reports that could not be tied to the subscriber may still name the address.
		this.jdbc.sql("DELETE FROM bounce_report WHERE subscriber_id = :id OR LOWER(detail) LIKE :address ESCAPE '\\'")
			.param("id", id)
			.param("address", containing(emailKey))
			.update();
		this.jdbc.sql("DELETE FROM digest_item WHERE subscriber_id = :id").param("id", id).update();
		this.jdbc.sql("DELETE FROM mail_delivery WHERE subscriber_id = :id").param("id", id).update();
		this.jdbc.sql("DELETE FROM subscriber_category WHERE subscriber_id = :id").param("id", id).update();
		this.jdbc.sql("DELETE FROM subscriber WHERE id = :id").param("id", id).update();
		logger.info("Subscriber {} erased; the address stays suppressed as a keyed hash", id);
		return true;
	}

	/**
	 * Suppressions, newest first; erased addresses show as their hash.
	 * @param limit at most this many
	 */
	@Transactional(readOnly = true)
	List<Map<String, Object>> suppressions(int limit) {
		return this.jdbc
			.sql("SELECT email_key, reason, created_at FROM suppression ORDER BY created_at DESC, email_key "
					+ "FETCH FIRST :limit ROWS ONLY")
			.param("limit", limit)
			.query((rs, row) -> {
				Map<String, Object> suppression = new LinkedHashMap<>();
				String key = rs.getString("email_key");
				boolean hashed = key.startsWith(ErasedAddresses.PREFIX);
				suppression.put("email", hashed ? null : key);
				suppression.put("erased", hashed);
				suppression.put("reason", rs.getString("reason"));
				suppression.put("since", instant(rs.getObject("created_at", OffsetDateTime.class)));
				return suppression;
			})
			.list();
	}

	/**
	 * Lifts an address's suppression: it may be mailed again.
	 * @return whether it was suppressed
	 */
	@Transactional
	boolean lift(String email) {
		String key = SubscriptionService.emailKey(email);
		int lifted = this.jdbc.sql("DELETE FROM suppression WHERE email_key IN (:keys)")
			.param("keys", List.of(key, this.erased.key(key)))
			.update();
		if (lifted > 0) {
			logger.info("Suppression of an address lifted by an administrator");
		}
		return lifted > 0;
	}

	/**
	 * What became of an article's mails: alerts queued and not yet sent, sent, failed,
	 * cancelled, and of those sent, how many bounced or drew a complaint.
	 */
	@Transactional(readOnly = true)
	Map<String, Object> articleFigures(UUID article) {
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("articleId", article);
		Map<String, Long> byStatus = new LinkedHashMap<>();
		for (String status : List.of("PENDING", "SENT", "FAILED", "CANCELLED")) {
			byStatus.put(status, 0L);
		}
		this.jdbc.sql("SELECT status, COUNT(*) FROM mail_delivery WHERE article_id = :article GROUP BY status")
			.param("article", article)
			.query((rs, row) -> byStatus.put(rs.getString(1), rs.getLong(2)))
			.list();
		figures.put("queued", byStatus.get("PENDING"));
		figures.put("sent", byStatus.get("SENT"));
		figures.put("failed", byStatus.get("FAILED"));
		figures.put("cancelled", byStatus.get("CANCELLED"));
		Map<String, Long> reports = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT b.kind, COUNT(DISTINCT b.delivery_id) FROM bounce_report b
				JOIN mail_delivery d ON d.id = b.delivery_id WHERE d.article_id = :article GROUP BY b.kind""")
			.param("article", article)
			.query((rs, row) -> reports.put(rs.getString(1), rs.getLong(2)))
			.list();
		figures.put("bounced", reports.getOrDefault("PERMANENT", 0L) + reports.getOrDefault("TRANSIENT", 0L));
		figures.put("bouncedPermanently", reports.getOrDefault("PERMANENT", 0L));
		figures.put("complained", reports.getOrDefault("COMPLAINT", 0L));
		return figures;
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

	/** A LIKE pattern (escape character {@code \}) of values that contain the text. */
	private static String containing(String text) {
		return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
