package org.syndication.feed.websub;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.syndication.feed.catalog.FeedKey;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pushes the hub owes: at most one row per subscription, due now or at its next try.
 * Rows are written in the transaction that changes a feed, so a change is pushed even if
 * the process dies right after it. Any instance sends them, through {@link PushClaims}.
 */
@Repository
class PushQueue {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	PushQueue(JdbcTemplate template) {
		this.template = template;
		this.jdbc = JdbcClient.create(template);
	}

	/**
	 * Owes a push to every live subscriber of these feeds; a subscriber already owed one
	 * is owed one more change. Runs in the caller's transaction.
	 * @return whether any subscriber is owed a push now
	 */
	boolean queue(Collection<FeedKey> feeds, Instant now) {
		return queue(feeds, Map.of(), now);
	}

	/**
	 * Owes pushes as {@link #queue(Collection, Instant)} does, each in the trace of the
	 * change that made it owed: a push owed already takes the newer change's trace.
	 * @param traces the trace ({@code traceparent}) of the newest change of each traced
	 * feed
	 * @return whether any subscriber is owed a push now
	 */
	boolean queue(Collection<FeedKey> feeds, Map<FeedKey, String> traces, Instant now) {
		List<FeedKey> changed = List.copyOf(feeds);
		List<String> keys = changed.stream().map(FeedKey::storageKey).toList();
		boolean anySubscriber = this.jdbc
			.sql("SELECT id FROM websub_subscription WHERE feed_key IN (:keys) AND expires_at > :now "
					+ "FETCH FIRST 1 ROWS ONLY")
			.param("keys", keys)
			.param("now", utc(now))
			.query(Long.class)
			.optional()
			.isPresent();
		if (!anySubscriber) {
			return false;
		}
		// A push already owed keeps its time: due now, or, when its callback has been
		// failing, at its next try.
		this.template.batchUpdate("""
				UPDATE websub_delivery SET changes = changes + 1, trace_parent = COALESCE(?, trace_parent),
				feed_revision = (SELECT revision FROM feed_state WHERE feed_key = ?)
				WHERE subscription_id IN (SELECT id FROM websub_subscription WHERE feed_key = ? AND expires_at > ?)""",
				changed.stream()
					.map((feed) -> new Object[] { traces.get(feed), feed.storageKey(), feed.storageKey(), utc(now) })
					.toList());
		this.template.batchUpdate("""
				INSERT INTO websub_delivery (subscription_id, changes, attempts, next_attempt_at, trace_parent,
				feed_revision)
				SELECT s.id, 1, 0, ?, ?, (SELECT revision FROM feed_state WHERE feed_key = s.feed_key)
				FROM websub_subscription s WHERE s.feed_key = ? AND s.expires_at > ?
				AND NOT EXISTS (SELECT 1 FROM websub_delivery d WHERE d.subscription_id = s.id)""",
				changed.stream()
					.map((feed) -> new Object[] { utc(now), traces.get(feed), feed.storageKey(), utc(now) })
					.toList());
		return true;
	}

	/**
	 * How many pushes are owed and due now, those on their way included, and how long the
	 * one due first has been due: both read from the index on the due time.
	 */
	Due due(Instant now) {
		return this.jdbc
			.sql("SELECT COUNT(*) AS due, MIN(next_attempt_at) AS first_due FROM websub_delivery "
					+ "WHERE next_attempt_at <= :now")
			.param("now", utc(now))
			.query((rs, row) -> {
				OffsetDateTime first = rs.getObject("first_due", OffsetDateTime.class);
				return new Due(rs.getLong("due"),
						(first != null) ? Duration.between(first.toInstant(), now) : Duration.ZERO);
			})
			.single();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * Pushes owed and due.
	 *
	 * @param pushes how many
	 * @param longest how long the one due first has been due
	 */
	record Due(long pushes, Duration longest) {

		static final Due NONE = new Due(0, Duration.ZERO);

	}

}
