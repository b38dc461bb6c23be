package org.syndication.notifier.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.subscription.Subscriber.SubscriberStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SubscriberRepository {

	private final JdbcClient jdbc;

	SubscriberRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Subscriber> findByEmailKeyForUpdate(String emailKey) {
		return this.jdbc.sql("SELECT * FROM subscriber WHERE email_key = :key FOR UPDATE")
			.param("key", emailKey)
			.query(this::subscriber)
			.optional();
	}

	Optional<Subscriber> findByIdForUpdate(UUID id) {
		return this.jdbc.sql("SELECT * FROM subscriber WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(this::subscriber)
			.optional();
	}

	Optional<Subscriber> findById(UUID id) {
		return this.jdbc.sql("SELECT * FROM subscriber WHERE id = :id")
			.param("id", id)
			.query(this::subscriber)
			.optional();
	}

	void insert(Subscriber subscriber, String emailKey, Instant now) {
		this.jdbc
			.sql("""
					INSERT INTO subscriber (id, email, email_key, status, all_categories, generation, hard_bounces,
					requested_at, confirmed_at, changed_at, frequency, time_zone, digest_since) VALUES (:id, :email, :key,
					:status, :all, :generation, 0, :requestedAt, :confirmedAt, :now, :frequency, :timeZone, :digestSince)""")
			.param("id", subscriber.id())
			.param("email", subscriber.email())
			.param("key", emailKey)
			.param("status", subscriber.status().name())
			.param("frequency", subscriber.frequency().value())
			.param("timeZone", (subscriber.timeZone() != null) ? subscriber.timeZone().getId() : null)
			.param("digestSince", utc(subscriber.digestSince()))
			.param("all", subscriber.categories().isEmpty())
			.param("generation", subscriber.generation())
			.param("requestedAt", utc(subscriber.requestedAt()))
			.param("confirmedAt", utc(subscriber.confirmedAt()))
			.param("now", utc(now))
			.update();
		replaceCategories(subscriber.id(), subscriber.categories());
	}

	void update(Subscriber subscriber, Instant now) {
		this.jdbc.sql("""
				UPDATE subscriber SET status = :status, all_categories = :all, generation = :generation,
				requested_at = :requestedAt, confirmed_at = :confirmedAt, changed_at = :now, frequency = :frequency,
				time_zone = :timeZone, digest_since = :digestSince WHERE id = :id""")
			.param("id", subscriber.id())
			.param("status", subscriber.status().name())
			.param("frequency", subscriber.frequency().value())
			.param("timeZone", (subscriber.timeZone() != null) ? subscriber.timeZone().getId() : null)
			.param("digestSince", utc(subscriber.digestSince()))
			.param("all", subscriber.categories().isEmpty())
			.param("generation", subscriber.generation())
			.param("requestedAt", utc(subscriber.requestedAt()))
			.param("confirmedAt", utc(subscriber.confirmedAt()))
			.param("now", utc(now))
			.update();
		replaceCategories(subscriber.id(), subscriber.categories());
	}

	/** Counts a permanent failure; returns the count so far. */
	int recordHardBounce(UUID id) {
		this.jdbc.sql("UPDATE subscriber SET hard_bounces = hard_bounces + 1 WHERE id = :id").param("id", id).update();
		return this.jdbc.sql("SELECT hard_bounces FROM subscriber WHERE id = :id")
			.param("id", id)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/**
	 * The subscriptions never confirmed that {@link #expireUnconfirmed} deletes.
	 * @param requestedBefore requested before this
	 */
	List<UUID> unconfirmed(Instant requestedBefore) {
		return this.jdbc.sql(
				"SELECT id FROM subscriber WHERE status = 'PENDING' AND confirmed_at IS NULL AND requested_at < :before")
			.param("before", utc(requestedBefore))
			.query(UUID.class)
			.list();
	}

	/**
	 * Deletes subscriptions never confirmed; re-subscriptions that lapse fall back to
	 * unsubscribed. Their mails are the delivery queue's to delete, first
	 * ({@link #unconfirmed}).
	 */
	int expireUnconfirmed(Instant requestedBefore, Instant now) {
		this.jdbc
			.sql("DELETE FROM subscriber_category WHERE subscriber_id IN (SELECT id FROM subscriber "
					+ "WHERE status = 'PENDING' AND confirmed_at IS NULL AND requested_at < :before)")
			.param("before", utc(requestedBefore))
			.update();
		int deleted = this.jdbc
			.sql("DELETE FROM subscriber WHERE status = 'PENDING' AND confirmed_at IS NULL AND requested_at < :before")
			.param("before", utc(requestedBefore))
			.update();
		this.jdbc
			.sql("UPDATE subscriber SET status = 'UNSUBSCRIBED', changed_at = :now "
					+ "WHERE status = 'PENDING' AND confirmed_at IS NOT NULL AND requested_at < :before")
			.param("before", utc(requestedBefore))
			.param("now", utc(now))
			.update();
		return deleted;
	}

	/** Deletes a subscriber and its categories, as an erasure does. */
	void delete(UUID id) {
		this.jdbc.sql("DELETE FROM subscriber_category WHERE subscriber_id = :id").param("id", id).update();
		this.jdbc.sql("DELETE FROM subscriber WHERE id = :id").param("id", id).update();
	}

	/**
	 * Subscribers whose address key matches a LIKE pattern (escape character {@code \}),
	 * by address, with whether each address is suppressed.
	 * @param limit at most this many
	 */
	List<Found> find(String pattern, int limit) {
		return this.jdbc.sql("""
				SELECT s.id, s.email, s.status, s.frequency, s.requested_at, s.confirmed_at,
				(SELECT COUNT(*) FROM suppression x WHERE x.email_key = s.email_key) AS suppressed
				FROM subscriber s WHERE s.email_key LIKE :pattern ESCAPE '\\' ORDER BY s.email_key
				FETCH FIRST :limit ROWS ONLY""")
			.param("pattern", pattern)
			.param("limit", limit)
			.query((rs, row) -> new Found(rs.getObject("id", UUID.class), rs.getString("email"),
					SubscriberStatus.valueOf(rs.getString("status")), frequency(rs.getString("frequency")),
					instant(rs, "requested_at"), instant(rs, "confirmed_at"), rs.getLong("suppressed") > 0))
			.list();
	}

	/**
	 * A subscriber found by a part of the address.
	 *
	 * @param id the subscriber's id
	 * @param email the address
	 * @param status where the double opt-in stands
	 * @param frequency alerts or digests
	 * @param requestedAt when the subscription was asked for
	 * @param confirmedAt when it was last confirmed, or {@code null}
	 * @param suppressed whether the address is on the suppression list
	 */
	record Found(UUID id, String email, SubscriberStatus status, Frequency frequency, Instant requestedAt,
			Instant confirmedAt, boolean suppressed) {

	}

	private void replaceCategories(UUID id, List<String> categories) {
		this.jdbc.sql("DELETE FROM subscriber_category WHERE subscriber_id = :id").param("id", id).update();
		for (String category : categories) {
			this.jdbc.sql("INSERT INTO subscriber_category (subscriber_id, category) VALUES (:id, :category)")
				.param("id", id)
				.param("category", category)
				.update();
		}
	}

	private Subscriber subscriber(ResultSet rs, int row) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		List<String> categories = rs.getBoolean("all_categories") ? List.of()
				: this.jdbc.sql("SELECT category FROM subscriber_category WHERE subscriber_id = :id ORDER BY category")
					.param("id", id)
					.query(String.class)
					.list();
		return new Subscriber(id, rs.getString("email"), SubscriberStatus.valueOf(rs.getString("status")), categories,
				rs.getInt("generation"), instant(rs, "requested_at"), instant(rs, "confirmed_at"),
				frequency(rs.getString("frequency")), zone(rs.getString("time_zone")), instant(rs, "digest_since"));
	}

	private static Frequency frequency(String value) {
		return Frequency.of(value).orElse(Frequency.IMMEDIATE);
	}

	/**
	 * A zone the database holds; one that this JVM no longer knows falls back to the
	 * default.
	 */
	private static ZoneId zone(String id) {
		if (id == null) {
			return null;
		}
		try {
			return ZoneId.of(id);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
