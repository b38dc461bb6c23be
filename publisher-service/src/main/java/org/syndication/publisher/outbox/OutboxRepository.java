package org.syndication.publisher.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

	private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	OutboxRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(OutboxMessage message, Instant now) {
		this.jdbc
			.sql("INSERT INTO outbox_event (topic, record_key, payload, headers, created_at) "
					+ "VALUES (:topic, :key, :payload, :headers, :createdAt)")
			.param("topic", message.topic())
			.param("key", message.key())
			.param("payload", message.payload())
			.param("headers", this.json.writeValueAsString(message.headers()))
			.param("createdAt", utc(now))
			.update();
	}

	/** Whether any message waits to be sent. */
	boolean hasUnsent() {
		return this.jdbc.sql("SELECT id FROM outbox_event WHERE sent_at IS NULL FETCH FIRST 1 ROWS ONLY")
			.query(Long.class)
			.optional()
			.isPresent();
	}

	/**
	 * The oldest unsent messages, in the order they were committed for each key. Ordered
	 * by the whole unsent index, {@code sent_at} (all null here) then {@code id}: H2 then
	 * reads the first rows of the index, where by {@code id} alone it would read and sort
	 * every unsent row, payload and all, for each batch.
	 */
	List<OutboxRecord> findUnsent(int limit) {
		return this.jdbc
			.sql("SELECT id, topic, record_key, payload, headers, created_at FROM outbox_event "
					+ "WHERE sent_at IS NULL ORDER BY sent_at, id FETCH FIRST :limit ROWS ONLY")
			.param("limit", limit)
			.query(this::outboxRecord)
			.list();
	}

	/**
	 * The oldest unsent messages after a position: the next batch while the messages up
	 * to it are still being sent.
	 */
	List<OutboxRecord> findUnsentAfter(long position, int limit) {
		return this.jdbc
			.sql("SELECT id, topic, record_key, payload, headers, created_at FROM outbox_event "
					+ "WHERE sent_at IS NULL AND id > :after ORDER BY sent_at, id FETCH FIRST :limit ROWS ONLY")
			.param("after", position)
			.param("limit", limit)
			.query(this::outboxRecord)
			.list();
	}

	private OutboxRecord outboxRecord(ResultSet rs, int row) throws SQLException {
		return new OutboxRecord(rs.getLong("id"),
				new OutboxMessage(rs.getString("topic"), rs.getString("record_key"), rs.getString("payload"),
						this.json.readValue(rs.getString("headers"), HEADERS)),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	void markSent(List<Long> positions, Instant now) {
		this.jdbc.sql("UPDATE outbox_event SET sent_at = :now WHERE id IN (:ids)")
			.param("now", utc(now))
			.param("ids", positions)
			.update();
	}

	/**
	 * How many messages wait, counted on the unsent index alone, and how long the first
	 * in line has waited: one row read, where {@code MIN(created_at)} would read every
	 * waiting row, payload and all, on each refresh while a backlog drains.
	 */
	Backlog backlog(Instant now) {
		long pending = this.jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL")
			.query(Long.class)
			.single();
		if (pending == 0) {
			return Backlog.EMPTY;
		}
		Duration age = this.jdbc.sql(
				"SELECT created_at FROM outbox_event WHERE sent_at IS NULL ORDER BY sent_at, id FETCH FIRST 1 ROWS ONLY")
			.query((rs, row) -> Duration.between(rs.getObject("created_at", OffsetDateTime.class).toInstant(), now))
			.optional()
			.orElse(Duration.ZERO);
		return new Backlog(pending, age.isNegative() ? Duration.ZERO : age);
	}

	int deleteSentBefore(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM outbox_event WHERE sent_at IS NOT NULL AND sent_at < :cutoff")
			.param("cutoff", utc(cutoff))
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** How many messages wait and how long the oldest has waited. */
	record Backlog(long pending, Duration oldestAge) {

		static final Backlog EMPTY = new Backlog(0, Duration.ZERO);

	}

}
