package org.syndication.feed.websub;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.rendering.FeedFormat;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pushes of the {@link PushQueue} as the instances that send them take them: each
 * claims a chunk of due rows for a while, skipping rows another instance holds, so each
 * push is made once, and then records what became of each. A claim that is never
 * recorded, because its instance died, lapses, and another instance takes the push.
 */
@Repository
class PushClaims {

	private static final String CLAIMABLE = "next_attempt_at <= :now "
			+ "AND (claim_expires_at IS NULL OR claim_expires_at < :now)";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	private final SubscriberSecrets secrets;

	PushClaims(JdbcTemplate template, PlatformTransactionManager transactions, SubscriberSecrets secrets) {
		this.template = template;
		this.jdbc = JdbcClient.create(template);
		this.transactions = new TransactionTemplate(transactions);
		this.secrets = secrets;
	}

	/**
	 * Claims up to {@code size} due pushes for {@code lease}, in due order.
	 */
	List<Push> claim(Instant now, int size, Duration lease) {
		UUID claim = UUID.randomUUID();
		return this.transactions.execute((status) -> {
			List<Long> due = this.jdbc
				.sql("SELECT subscription_id FROM websub_delivery WHERE " + CLAIMABLE
						+ " ORDER BY next_attempt_at, subscription_id FETCH FIRST :size ROWS ONLY")
				.param("now", utc(now))
				.param("size", size)
				.query(Long.class)
				.list();
			if (due.isEmpty()) {
				return List.of();
			}
			// Locked by id, skipping rows another claimer holds; checked again under the
			// lock.
			Set<Long> free = new HashSet<>(this.jdbc
				.sql("SELECT subscription_id FROM websub_delivery WHERE subscription_id IN (:ids) AND " + CLAIMABLE
						+ " FOR UPDATE SKIP LOCKED")
				.param("ids", due)
				.param("now", utc(now))
				.query(Long.class)
				.list());
			if (free.isEmpty()) {
				return List.of();
			}
			this.jdbc
				.sql("UPDATE websub_delivery SET claim_id = :claim, claim_expires_at = :until "
						+ "WHERE subscription_id IN (:ids)")
				.param("claim", claim)
				.param("until", utc(now.plus(lease)))
				.param("ids", free)
				.update();
			return this.jdbc.sql("""
					SELECT d.subscription_id, d.changes, d.attempts, d.first_failed_at, d.trace_parent, s.topic,
					s.feed_key, s.format, s.callback, s.secret, s.secret_key_id, s.expires_at FROM websub_delivery d
					LEFT JOIN websub_subscription s ON s.id = d.subscription_id
					WHERE d.claim_id = :claim ORDER BY d.next_attempt_at, d.subscription_id""")
				.param("claim", claim)
				.query((rs, row) -> {
					String feedKey = rs.getString("feed_key");
					OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
					OffsetDateTime firstFailed = rs.getObject("first_failed_at", OffsetDateTime.class);
					boolean live = feedKey != null && expires.toInstant().isAfter(now);
					return new Push(rs.getLong("subscription_id"), claim, rs.getLong("changes"), rs.getInt("attempts"),
							(firstFailed != null) ? firstFailed.toInstant() : null,
							live ? FeedKey.fromStorageKey(feedKey).orElse(null) : null,
							live ? FeedFormat.valueOf(rs.getString("format")) : null, rs.getString("topic"),
							rs.getString("callback"),
							this.secrets.open(rs.getString("secret_key_id"), rs.getString("secret")),
							rs.getString("trace_parent"));
				})
				.list();
		});
	}

	/**
	 * Records what became of claimed pushes, in one transaction.
	 */
	void record(List<Outcome> outcomes, Instant now) {
		List<Object[]> done = new ArrayList<>();
		List<Object[]> again = new ArrayList<>();
		List<Object[]> retries = new ArrayList<>();
		List<Object[]> ended = new ArrayList<>();
		for (Outcome outcome : outcomes) {
			Push push = outcome.push();
			switch (outcome.kind()) {
				case DONE, GIVEN_UP -> {
					done.add(new Object[] { push.subscriptionId(), push.claim(), push.changes(),
							outcome.feedRevision() });
					// Still there only if the feed changed while the push was on its way.
					again.add(new Object[] { utc(now), push.subscriptionId(), push.claim() });
				}
				case RETRY -> retries
					.add(new Object[] { utc(now), utc(outcome.nextAttempt()), push.subscriptionId(), push.claim() });
				case ENDED -> ended.add(new Object[] { push.subscriptionId() });
			}
		}
		this.transactions.executeWithoutResult((status) -> {
			// Settled if no change came while the push was on its way, or if the feed it
			// carried was read after the newest of them.
			batch("""
					DELETE FROM websub_delivery WHERE subscription_id = ? AND claim_id = ?
					AND (changes = ? OR feed_revision <= ?)""", done);
			batch("""
					UPDATE websub_delivery SET claim_id = NULL, claim_expires_at = NULL, attempts = 0,
					first_failed_at = NULL, next_attempt_at = ? WHERE subscription_id = ? AND claim_id = ?""", again);
			batch("""
					UPDATE websub_delivery SET claim_id = NULL, claim_expires_at = NULL, attempts = attempts + 1,
					first_failed_at = COALESCE(first_failed_at, ?), next_attempt_at = ?
					WHERE subscription_id = ? AND claim_id = ?""", retries);
			batch("DELETE FROM websub_delivery WHERE subscription_id = ?", ended);
			batch("DELETE FROM websub_subscription WHERE id = ?", ended);
		});
	}

	private void batch(String sql, List<Object[]> rows) {
		if (!rows.isEmpty()) {
			this.template.batchUpdate(sql, rows);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A claimed push.
	 *
	 * @param feed the feed to push, or {@code null} when the subscription has ended
	 * @param trace the trace of the newest change it is owed for, {@code null} if not
	 * traced
	 */
	record Push(long subscriptionId, UUID claim, long changes, int attempts, Instant firstFailedAt, FeedKey feed,
			FeedFormat format, String topic, String callback, String secret, String trace) {

	}

	/**
	 * What became of a push.
	 *
	 * @param nextAttempt when to try again, for {@link Kind#RETRY}
	 * @param feedRevision the revision of the feed the push carried, -1 if none or
	 * unknown
	 */
	record Outcome(Push push, Kind kind, Instant nextAttempt, long feedRevision) {

		Outcome(Push push, Kind kind, Instant nextAttempt) {
			this(push, kind, nextAttempt, -1);
		}

		enum Kind {

			/** Received by the subscriber. */
			DONE,
			/** Failed too long: not tried again until the feed changes again. */
			GIVEN_UP,
			/** Failed: tried again later. */
			RETRY,
			/** The subscription is over: it expired, or the subscriber answered 410. */
			ENDED

		}

	}

}
