package org.syndication.notifier.alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fan-outs under way: for each publication whose alerts are still to queue, the
 * categories it was published in and a cursor over the subscribers.
 */
@Repository
class FanoutRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	FanoutRepository(JdbcTemplate batches) {
		this.jdbc = JdbcClient.create(batches);
		this.batches = batches;
	}

	/** Starts the fan-outs of publications, with a few batched statements for all. */
	void start(List<StartedFanout> started) {
		this.batches.batchUpdate("""
				INSERT INTO alert_fanout (article_id, breaking, received_at, next_subscriber, queued)
				VALUES (?, ?, ?, NULL, 0)""",
				started.stream()
					.map((publication) -> new Object[] { publication.articleId(), publication.breaking(),
							utc(publication.receivedAt()) })
					.toList());
		this.batches.batchUpdate("INSERT INTO alert_fanout_category (article_id, category) VALUES (?, ?)",
				started.stream()
					.flatMap((publication) -> publication.categories()
						.stream()
						.map((category) -> new Object[] { publication.articleId(), category }))
					.toList());
	}

	/** Deletes the fan-outs of publications received before a time; returns how many. */
	int deleteStartedBefore(Instant before) {
		return this.jdbc.sql("DELETE FROM alert_fanout WHERE received_at < :before")
			.param("before", utc(before))
			.update();
	}

	boolean any() {
		return this.jdbc.sql("SELECT article_id FROM alert_fanout FETCH FIRST 1 ROWS ONLY")
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM alert_fanout").query(Long.class).single();
	}

	void delete(List<UUID> articles) {
		this.jdbc.sql("DELETE FROM alert_fanout WHERE article_id IN (:articles)").param("articles", articles).update();
	}

	/** The oldest fan-outs, read without a lock; at most {@code limit}. */
	List<UUID> oldest(int limit) {
		return this.jdbc
			.sql("SELECT article_id FROM alert_fanout ORDER BY received_at, article_id FETCH FIRST :n ROWS ONLY")
			.param("n", limit)
			.query(UUID.class)
			.list();
	}

	/** A fan-out, if this transaction could lock its row and it is still there. */
	Optional<Fanout> lock(UUID article) {
		return this.jdbc.sql("""
				SELECT article_id, breaking, received_at, next_subscriber, queued FROM alert_fanout
				WHERE article_id = :article FOR UPDATE SKIP LOCKED""")
			.param("article", article)
			.query((rs, row) -> new Fanout(rs.getObject(1, UUID.class), rs.getBoolean(2),
					rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getObject(4, UUID.class), rs.getLong(5)))
			.optional();
	}

	/** The categories a fan-out's article was published in. */
	List<String> categories(UUID article) {
		return this.jdbc.sql("SELECT category FROM alert_fanout_category WHERE article_id = :article ORDER BY category")
			.param("article", article)
			.query(String.class)
			.list();
	}

	/** Moves a fan-out's cursor on to the next chunk, with the alerts queued so far. */
	void moveOn(UUID article, UUID until, long queued) {
		this.jdbc.sql("UPDATE alert_fanout SET next_subscriber = :until, queued = :queued WHERE article_id = :article")
			.param("until", until)
			.param("queued", queued)
			.param("article", article)
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A publication whose alerts are being queued.
	 *
	 * @param articleId the article
	 * @param breaking whether digest subscribers are alerted too
	 * @param receivedAt when it was recorded
	 * @param from the first subscriber not looked at yet, {@code null} for none yet
	 * @param queued the alerts queued so far
	 */
	record Fanout(UUID articleId, boolean breaking, Instant receivedAt, UUID from, long queued) {

	}

}
