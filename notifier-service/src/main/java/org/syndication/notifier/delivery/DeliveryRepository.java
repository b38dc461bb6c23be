package org.syndication.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.mail.ArticleContent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeliveryRepository {

	private final JdbcClient jdbc;

	DeliveryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The deliveries of a claim that are still to send, in due order, with what composing
	 * them needs.
	 */
	List<DueMail> claimed(Claim claim) {
		if (claim.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT d.id, d.kind, d.article_id, d.period_key, d.subscriber_id, d.attempts, d.created_at, s.email,
				s.status, s.generation, s.requested_at,
				(SELECT COUNT(*) FROM suppression x WHERE x.email_key = s.email_key) AS suppressed,
				a.article_id AS alert_article, a.title, a.summary, a.content_html, a.url, a.language, a.retracted,
				a.image_url, a.image_alt, a.image_width, a.image_height, a.trace_parent
				FROM mail_delivery d JOIN subscriber s ON s.id = d.subscriber_id
				LEFT JOIN article_alert a ON a.article_id = d.article_id
				WHERE d.id IN (:ids) AND d.claim_id = :claim AND d.status = 'PENDING'
				ORDER BY d.next_attempt_at, d.id""")
			.param("ids", claim.deliveries())
			.param("claim", claim.id())
			.query(this::dueMail)
			.list()
			.stream()
			.map((mail) -> (mail.kind() == MailKind.DIGEST) ? mail.withDigest(digestArticles(mail.id())) : mail)
			.toList();
	}

	/** A digest's articles as they are now, newest first, leaving out those retracted. */
	private List<DueMail.Article> digestArticles(long deliveryId) {
		return this.jdbc.sql("""
				SELECT a.title, a.summary, NULL AS content_html, a.url, a.language, a.retracted, a.image_url,
				a.image_alt, a.image_width, a.image_height
				FROM digest_item i JOIN article_alert a ON a.article_id = i.article_id
				WHERE i.delivery_id = :id AND a.retracted = FALSE
				ORDER BY a.published_at DESC, a.article_id""")
			.param("id", deliveryId)
			.query((rs, row) -> article(rs))
			.list();
	}

	List<String> categories(UUID subscriberId) {
		return this.jdbc.sql("SELECT category FROM subscriber_category WHERE subscriber_id = :id ORDER BY category")
			.param("id", subscriberId)
			.query(String.class)
			.list();
	}

	/** How often a subscriber asked to hear from us. */
	Frequency frequency(UUID subscriberId) {
		return this.jdbc.sql("SELECT frequency FROM subscriber WHERE id = :id")
			.param("id", subscriberId)
			.query(String.class)
			.optional()
			.flatMap(Frequency::of)
			.orElse(Frequency.IMMEDIATE);
	}

	void markSent(long id, String messageId, Instant now) {
		this.jdbc
			.sql("UPDATE mail_delivery SET status = 'SENT', message_id = :messageId, sent_at = :now, "
					+ "attempts = attempts + 1 WHERE id = :id")
			.param("id", id)
			.param("messageId", messageId)
			.param("now", utc(now))
			.update();
	}

	void retryLater(long id, Instant next, String reason) {
		this.jdbc
			.sql("UPDATE mail_delivery SET attempts = attempts + 1, next_attempt_at = :next, "
					+ "last_error = :reason WHERE id = :id AND status = 'PENDING'")
			.param("id", id)
			.param("next", utc(next))
			.param("reason", truncate(reason))
			.update();
	}

	void markFailed(long id, String reason) {
		this.jdbc
			.sql("UPDATE mail_delivery SET status = 'FAILED', attempts = attempts + 1, last_error = :reason "
					+ "WHERE id = :id AND status = 'PENDING'")
			.param("id", id)
			.param("reason", truncate(reason))
			.update();
	}

	void cancel(long id) {
		this.jdbc.sql("UPDATE mail_delivery SET status = 'CANCELLED' WHERE id = :id AND status = 'PENDING'")
			.param("id", id)
			.update();
	}

	long pending() {
		return this.jdbc.sql("SELECT COUNT(*) FROM mail_delivery WHERE status = 'PENDING'").query(Long.class).single();
	}

	/**
	 * The mails due now and not sent yet, of every kind (none, where none is due), with
	 * how long the one of each kind queued first has waited since it was queued: one
	 * grouped read of the due part of the queue's index.
	 */
	Map<MailKind, Waiting> due(Instant now) {
		Map<MailKind, Waiting> due = new EnumMap<>(MailKind.class);
		for (MailKind kind : MailKind.values()) {
			due.put(kind, Waiting.NONE);
		}
		this.jdbc.sql("""
				SELECT kind, COUNT(*) AS due, MIN(created_at) AS first_queued FROM mail_delivery
				WHERE status = 'PENDING' AND next_attempt_at <= :now GROUP BY kind""")
			.param("now", utc(now))
			.query((rs, row) -> {
				Duration waited = Duration.between(instant(rs, "first_queued"), now);
				return Map.entry(MailKind.valueOf(rs.getString("kind")),
						new Waiting(rs.getLong("due"), waited.isNegative() ? Duration.ZERO : waited));
			})
			.list()
			.forEach((entry) -> due.put(entry.getKey(), entry.getValue()));
		return due;
	}

	/**
	 * Mails due and not sent yet.
	 *
	 * @param mails how many
	 * @param longest how long the one queued first has waited since it was queued
	 */
	record Waiting(long mails, Duration longest) {

		static final Waiting NONE = new Waiting(0, Duration.ZERO);

	}

	private DueMail dueMail(ResultSet rs, int row) throws SQLException {
		DueMail.Article article = (rs.getObject("alert_article") != null) ? article(rs) : null;
		return new DueMail(rs.getLong("id"), MailKind.valueOf(rs.getString("kind")),
				rs.getObject("article_id", UUID.class), rs.getString("period_key"),
				rs.getObject("subscriber_id", UUID.class), rs.getInt("attempts"), instant(rs, "created_at"),
				rs.getString("email"), DueMail.SubscriberStatus.valueOf(rs.getString("status")),
				rs.getInt("generation"), instant(rs, "requested_at"), rs.getLong("suppressed") > 0, article, List.of(),
				(article != null) ? rs.getString("trace_parent") : null);
	}

	private static DueMail.Article article(ResultSet rs) throws SQLException {
		return new DueMail.Article(rs.getString("title"), rs.getString("summary"), rs.getString("content_html"),
				rs.getString("url"), rs.getString("language"), rs.getBoolean("retracted"), image(rs));
	}

	private static ArticleContent.Image image(ResultSet rs) throws SQLException {
		String url = rs.getString("image_url");
		return (url != null) ? new ArticleContent.Image(url, rs.getString("image_alt"),
				rs.getObject("image_width", Integer.class), rs.getObject("image_height", Integer.class)) : null;
	}

	private static String truncate(String reason) {
		if (reason == null) {
			return null;
		}
		return (reason.length() > 1000) ? reason.substring(0, 1000) : reason;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
