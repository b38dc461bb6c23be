package org.syndication.notifier.bounce;

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
 * The reports read from the bounce mailbox, one row per mail read, with the delivery and
 * subscriber they are about: each subscriber's history of bounces and complaints.
 */
@Repository
public class BounceReportRepository {

	private final JdbcClient jdbc;

	BounceReportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What the report read under this key said, if it was read before. */
	Optional<BounceKind> kindOf(String reportKey) {
		return this.jdbc.sql("SELECT kind FROM bounce_report WHERE report_key = :key")
			.param("key", reportKey)
			.query(String.class)
			.optional()
			.map(BounceKind::valueOf);
	}

	void insert(String reportKey, BounceKind kind, Long deliveryId, UUID subscriberId, String status, String detail,
			Instant now) {
		this.jdbc.sql("""
				INSERT INTO bounce_report (report_key, kind, delivery_id, subscriber_id, status, detail, received_at)
				VALUES (:key, :kind, :delivery, :subscriber, :status, :detail, :now)""")
			.param("key", reportKey)
			.param("kind", kind.name())
			.param("delivery", deliveryId)
			.param("subscriber", subscriberId)
			.param("status", status)
			.param("detail", detail)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	/** Different mails to the subscriber that failed temporarily since they confirmed. */
	long temporaryFailures(UUID subscriberId) {
		return this.jdbc.sql("""
				SELECT COUNT(DISTINCT b.delivery_id) FROM bounce_report b JOIN subscriber s ON s.id = b.subscriber_id
				WHERE b.subscriber_id = :subscriber AND b.kind = 'TRANSIENT'
				AND (s.confirmed_at IS NULL OR b.received_at >= s.confirmed_at)""")
			.param("subscriber", subscriberId)
			.query(Long.class)
			.single();
	}

	/** Different mails that bounced, reported since a time. */
	long bouncedSince(Instant since) {
		return reported(since, "kind IN ('PERMANENT', 'TRANSIENT')");
	}

	/** Different mails that drew a complaint, reported since a time. */
	long complainedSince(Instant since) {
		return reported(since, "kind = 'COMPLAINT'");
	}

	private long reported(Instant since, String kinds) {
		return this.jdbc
			.sql("SELECT COUNT(DISTINCT delivery_id) FROM bounce_report WHERE received_at >= :since AND " + kinds)
			.param("since", since.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
	}

	/** The reports about a subscriber's mails, oldest first. */
	public List<Report> of(UUID subscriberId) {
		return this.jdbc.sql("""
				SELECT kind, delivery_id, status, detail, received_at FROM bounce_report
				WHERE subscriber_id = :id ORDER BY received_at""")
			.param("id", subscriberId)
			.query((rs, row) -> new Report(BounceKind.valueOf(rs.getString("kind")),
					rs.getObject("delivery_id", Long.class), rs.getString("status"), rs.getString("detail"),
					rs.getObject("received_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Erases the reports about a subscriber, and those that could not be tied to the
	 * subscriber but may still name the address.
	 * @param addressPattern a LIKE pattern (escape character {@code \}) of details that
	 * name the address, in lower case
	 */
	public void erase(UUID subscriberId, String addressPattern) {
		this.jdbc.sql("DELETE FROM bounce_report WHERE subscriber_id = :id OR LOWER(detail) LIKE :address ESCAPE '\\'")
			.param("id", subscriberId)
			.param("address", addressPattern)
			.update();
	}

	/**
	 * How many of an article's mails drew reports of each kind; a kind none drew is left
	 * out.
	 */
	public Map<BounceKind, Long> aboutArticle(UUID articleId) {
		Map<BounceKind, Long> reports = new EnumMap<>(BounceKind.class);
		this.jdbc.sql("""
				SELECT b.kind, COUNT(DISTINCT b.delivery_id) FROM bounce_report b
				JOIN mail_delivery d ON d.id = b.delivery_id WHERE d.article_id = :article GROUP BY b.kind""")
			.param("article", articleId)
			.query((rs, row) -> reports.put(BounceKind.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		return reports;
	}

	/**
	 * A report about a mail.
	 *
	 * @param kind what it reported
	 * @param deliveryId the mail it is about, {@code null} if none could be told
	 * @param status the delivery status code of a failure, else {@code null}
	 * @param detail what it said, as an operator reads it
	 * @param receivedAt when it was read
	 */
	public record Report(BounceKind kind, Long deliveryId, String status, String detail, Instant receivedAt) {

	}

}
