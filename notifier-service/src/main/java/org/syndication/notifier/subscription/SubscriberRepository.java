package org.syndication.notifier.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.syndication.notifier.digest.Frequency;

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

	void suppress(String emailKey, String reason, Instant now) {
		if (this.jdbc.sql("UPDATE suppression SET reason = :reason WHERE email_key = :key")
			.param("key", emailKey)
			.param("reason", reason)
			.update() == 0) {
			this.jdbc.sql("INSERT INTO suppression (email_key, reason, created_at) VALUES (:key, :reason, :now)")
				.param("key", emailKey)
				.param("reason", reason)
				.param("now", utc(now))
				.update();
		}
	}

	/** Turns a suppression kept under another key (a hash) into one of the address. */
	void restoreSuppression(String from, String emailKey) {
		this.jdbc.sql("UPDATE suppression SET email_key = :key WHERE email_key = :from")
			.param("key", emailKey)
			.param("from", from)
			.update();
	}

	void unsuppress(String emailKey) {
		this.jdbc.sql("DELETE FROM suppression WHERE email_key = :key").param("key", emailKey).update();
	}

	boolean isSuppressed(String emailKey) {
		return this.jdbc.sql("SELECT COUNT(*) FROM suppression WHERE email_key = :key")
			.param("key", emailKey)
			.query(Long.class)
			.single() > 0;
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
	 * Deletes subscriptions never confirmed; re-subscriptions that lapse fall back to
	 * unsubscribed.
	 */
	int expireUnconfirmed(Instant requestedBefore, Instant now) {
		this.jdbc
			.sql("DELETE FROM subscriber_category WHERE subscriber_id IN (SELECT id FROM subscriber "
					+ "WHERE status = 'PENDING' AND confirmed_at IS NULL AND requested_at < :before)")
			.param("before", utc(requestedBefore))
			.update();
		this.jdbc
			.sql("DELETE FROM mail_delivery WHERE subscriber_id IN (SELECT id FROM subscriber "
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

	/**
	 * Starts the confirmation cooldown of a mailbox, unless one is running.
	 * @param mailboxKey the mailbox's key
	 * @param runningSince a cooldown that started after this is still running
	 * @param now the time
	 * @return whether a confirmation may be sent now
	 */
	boolean startConfirmationCooldown(String mailboxKey, Instant runningSince, Instant now) {
		Optional<Instant> last = this.jdbc
			.sql("SELECT last_queued_at FROM confirmation_cooldown WHERE mailbox_key = :key FOR UPDATE")
			.param("key", mailboxKey)
			.query((rs, row) -> instant(rs, "last_queued_at"))
			.optional();
		if (last.isEmpty()) {
			this.jdbc.sql("INSERT INTO confirmation_cooldown (mailbox_key, last_queued_at) VALUES (:key, :now)")
				.param("key", mailboxKey)
				.param("now", utc(now))
				.update();
			return true;
		}
		if (last.get().isAfter(runningSince)) {
			return false;
		}
		this.jdbc.sql("UPDATE confirmation_cooldown SET last_queued_at = :now WHERE mailbox_key = :key")
			.param("key", mailboxKey)
			.param("now", utc(now))
			.update();
		return true;
	}

	/** Forgets the cooldowns that ended before the given time. */
	int deleteConfirmationCooldowns(Instant endedBefore) {
		return this.jdbc.sql("DELETE FROM confirmation_cooldown WHERE last_queued_at < :before")
			.param("before", utc(endedBefore))
			.update();
	}

	/**
	 * The names among those given that no article came with.
	 * @param names category names in lower case
	 * @return those that are not the name of an article's category, compared in lower
	 * case
	 */
	List<String> unknownCategories(List<String> names) {
		if (names.isEmpty()) {
			return List.of();
		}
		// Lower-cased here, as subscriptions are, rather than by the database, whose
		// LOWER differs from Java's for some letters (U+0130) on PostgreSQL. A newsroom
		// has hundreds of categories, and the index on them answers DISTINCT.
		Set<String> known = this.jdbc.sql("SELECT DISTINCT category FROM article_category")
			.query(String.class)
			.list()
			.stream()
			.map((category) -> category.toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		return names.stream().filter((name) -> !known.contains(name)).toList();
	}

	/** The categories articles came with, alphabetically; at most {@code limit}. */
	List<String> knownCategories(int limit) {
		return this.jdbc
			.sql("SELECT DISTINCT category FROM article_category ORDER BY category FETCH FIRST :limit ROWS ONLY")
			.param("limit", limit)
			.query(String.class)
			.list();
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
		return new Subscriber(id, rs.getString("email"), Subscriber.SubscriberStatus.valueOf(rs.getString("status")),
				categories, rs.getInt("generation"), instant(rs, "requested_at"), instant(rs, "confirmed_at"),
				Frequency.of(rs.getString("frequency")).orElse(Frequency.IMMEDIATE), zone(rs.getString("time_zone")),
				instant(rs, "digest_since"));
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
