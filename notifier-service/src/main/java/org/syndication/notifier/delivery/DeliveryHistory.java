package org.syndication.notifier.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the delivery queue says about the mails it holds, for the other parts of the
 * service: a subscriber's mails and digest entries, an article's outcomes, whom a mail
 * went to, and how many went out lately.
 */
@Repository
public class DeliveryHistory {

	private final JdbcClient jdbc;

	DeliveryHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every mail queued for a subscriber and what became of it, oldest first. */
	public List<Mail> mails(UUID subscriberId) {
		return this.jdbc.sql("""
				SELECT id, kind, article_id, period_key, status, attempts, message_id, last_error, created_at, sent_at
				FROM mail_delivery WHERE subscriber_id = :id ORDER BY created_at, id""")
			.param("id", subscriberId)
			.query((rs, row) -> new Mail(rs.getLong("id"), MailKind.valueOf(rs.getString("kind")),
					rs.getObject("article_id", UUID.class), rs.getString("period_key"),
					DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("message_id"),
					rs.getString("last_error"), instant(rs.getObject("created_at", OffsetDateTime.class)),
					instant(rs.getObject("sent_at", OffsetDateTime.class))))
			.list();
	}

	/** The articles the subscriber's digests listed, by digest. */
	public List<DigestEntry> digestEntries(UUID subscriberId) {
		return this.jdbc
			.sql("SELECT delivery_id, article_id FROM digest_item WHERE subscriber_id = :id ORDER BY delivery_id")
			.param("id", subscriberId)
			.query((rs, row) -> new DigestEntry(rs.getLong(1), rs.getObject(2, UUID.class)))
			.list();
	}

	/** How many of an article's mails are in each status; none is left out. */
	public Map<DeliveryStatus, Long> statusesOfArticle(UUID articleId) {
		Map<DeliveryStatus, Long> byStatus = new EnumMap<>(DeliveryStatus.class);
		for (DeliveryStatus status : DeliveryStatus.values()) {
			byStatus.put(status, 0L);
		}
		this.jdbc.sql("SELECT status, COUNT(*) FROM mail_delivery WHERE article_id = :article GROUP BY status")
			.param("article", articleId)
			.query((rs, row) -> byStatus.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		return byStatus;
	}

	/** The subscriber a mail was queued for, if the mail is still known. */
	public Optional<UUID> subscriberOf(long deliveryId) {
		return this.jdbc.sql("SELECT id, subscriber_id FROM mail_delivery WHERE id = :id")
			.param("id", deliveryId)
			.query((rs, row) -> rs.getObject(2, UUID.class))
			.optional();
	}

	/** How many mails the SMTP server took since a time, by every instance. */
	public long sentSince(Instant since) {
		return this.jdbc.sql("SELECT COUNT(*) FROM mail_delivery WHERE sent_at >= :since AND status = 'SENT'")
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * A queued mail and what became of it.
	 *
	 * @param id the delivery's id
	 * @param kind what mail it is
	 * @param articleId the article of an alert, else {@code null}
	 * @param periodKey the period of a digest, such as {@code daily-2026-03-29}, else
	 * {@code null}
	 * @param status what became of it
	 * @param attempts how often sending was tried
	 * @param messageId the Message-ID it went out with, once sent
	 * @param lastError why the last attempt failed, if it did
	 * @param queuedAt when it was queued
	 * @param sentAt when the SMTP server took it, if it did
	 */
	public record Mail(long id, MailKind kind, UUID articleId, String periodKey, DeliveryStatus status, int attempts,
			String messageId, String lastError, Instant queuedAt, Instant sentAt) {

	}

	/**
	 * An article a digest listed.
	 *
	 * @param deliveryId the digest's delivery
	 * @param articleId the article
	 */
	public record DigestEntry(long deliveryId, UUID articleId) {

	}

}
