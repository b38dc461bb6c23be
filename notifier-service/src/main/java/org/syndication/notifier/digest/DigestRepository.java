package org.syndication.notifier.digest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who is owed a digest, and the digests queued. Subscribers are read and written in
 * chunks with set-based statements, so that a run for any number of them holds a chunk in
 * memory at most. The subscription and delivery tables are read here directly rather than
 * through their services, as the alert fan-out does.
 */
@Repository
class DigestRepository {

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

	/**
	 * Confirmed subscribers of one frequency and zone whose window starts before the
	 * period's end and who have no digest for the period yet.
	 */
	private static final String OWED = """
			s.status = 'CONFIRMED' AND s.frequency = :frequency AND %s AND s.digest_since < :end
			AND NOT EXISTS (SELECT 1 FROM mail_delivery d WHERE d.subscriber_id = s.id AND d.period_key = :key)""";

	private final JdbcClient jdbc;

	DigestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Asks the database something trivial.
	 * @throws org.springframework.dao.DataAccessException when it does not answer
	 */
	void ping() {
		this.jdbc.sql("SELECT 1").query(Integer.class).single();
	}

	/**
	 * The time zones of confirmed subscribers of a frequency; {@code null} for the
	 * default.
	 */
	List<String> zones(Frequency frequency) {
		return this.jdbc
			.sql("SELECT DISTINCT time_zone FROM subscriber WHERE status = 'CONFIRMED' AND frequency = :frequency")
			.param("frequency", frequency.value())
			.query((rs, row) -> rs.getString(1))
			.list();
	}

	/** Whether anyone of that frequency and zone is owed the period's digest. */
	boolean anyOwed(Frequency frequency, String zone, String key, Instant end) {
		return this.jdbc.sql("SELECT s.id FROM subscriber s WHERE " + owed(zone) + " FETCH FIRST 1 ROWS ONLY")
			.params(owedParams(frequency, zone, key, end))
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	/**
	 * Up to {@code limit} subscribers of that frequency and zone owed the period's
	 * digest, in id order after {@code after} (if not {@code null}): a run pages through
	 * them along the index rather than sorting all that are left at each chunk.
	 */
	List<UUID> owed(Frequency frequency, String zone, String key, Instant end, UUID after, int limit) {
		Map<String, Object> params = owedParams(frequency, zone, key, end);
		if (after != null) {
			params.put("after", after);
		}
		return this.jdbc
			.sql("SELECT s.id FROM subscriber s WHERE " + owed(zone) + ((after != null) ? " AND s.id > :after" : "")
					+ " ORDER BY s.id FETCH FIRST :limit ROWS ONLY")
			.params(params)
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	/**
	 * Queues the period's digest for each of the subscribers with something to read, with
	 * the articles it lists, and moves every one's window on to {@code end}; run in one
	 * transaction, so that a crash leaves either all of it or nothing.
	 * @return how many digests were queued
	 */
	int queue(List<UUID> subscribers, String key, Instant end, Instant now) {
		int queued = this.jdbc.sql("""
				INSERT INTO mail_delivery (kind, article_id, period_key, subscriber_id, status, attempts,
				next_attempt_at, created_at)
				SELECT 'DIGEST', NULL, :key, s.id, 'PENDING', 0, :now, :now FROM subscriber s
				WHERE s.id IN (:ids)
				AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.email_key = s.email_key)
				AND NOT EXISTS (SELECT 1 FROM mail_delivery d WHERE d.subscriber_id = s.id AND d.period_key = :key)
				AND EXISTS (SELECT 1 FROM article_alert a WHERE\s""" + ELIGIBLE + ")")
			.param("ids", subscribers)
			.param("key", key)
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
				.param("key", key)
				.param("end", utc(end))
				.update();
		}
		this.jdbc.sql("UPDATE subscriber SET digest_since = :end WHERE id IN (:ids) AND digest_since < :end")
			.param("ids", subscribers)
			.param("end", utc(end))
			.update();
		return queued;
	}

	/**
	 * Starts the window of every subscriber of a frequency and zone whose window starts
	 * before a time at that time.
	 * @return how many windows moved
	 */
	int startWindowsAt(Frequency frequency, String zone, Instant since) {
		return this.jdbc
			.sql("UPDATE subscriber SET digest_since = :since WHERE frequency = :frequency AND "
					+ ((zone != null) ? "time_zone = :zone" : "time_zone IS NULL") + " AND digest_since < :since")
			.params(zoneParam(zone))
			.param("frequency", frequency.value())
			.param("since", utc(since))
			.update();
	}

	private static Map<String, Object> zoneParam(String zone) {
		Map<String, Object> params = new HashMap<>();
		if (zone != null) {
			params.put("zone", zone);
		}
		return params;
	}

	private static String owed(String zone) {
		return OWED.formatted((zone != null) ? "s.time_zone = :zone" : "s.time_zone IS NULL");
	}

	private static Map<String, Object> owedParams(Frequency frequency, String zone, String key, Instant end) {
		Map<String, Object> params = new HashMap<>();
		params.put("frequency", frequency.value());
		params.put("key", key);
		params.put("end", utc(end));
		if (zone != null) {
			params.put("zone", zone);
		}
		return params;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
