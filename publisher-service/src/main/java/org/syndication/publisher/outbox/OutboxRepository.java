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
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

	private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
	};

	private static final String SELECT_UNSENT = "SELECT e.id, e.topic, e.record_key, p.payload, p.headers, e.created_at "
			+ "FROM outbox_event e JOIN outbox_payload p ON p.id = e.id WHERE e.sent_at IS NULL ";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	OutboxRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Writes the message as two rows: the event, which the relay marks sent, and its
	 * payload and headers apart, so that marking it sent rewrites a narrow row instead of
	 * one that carries the whole event.
	 */
	void insert(OutboxMessage message, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO outbox_event (topic, record_key, created_at) VALUES (:topic, :key, :createdAt)")
			.param("topic", message.topic())
			.param("key", message.key())
			.param("createdAt", utc(now))
			.update(keys, "id");
		this.jdbc.sql("INSERT INTO outbox_payload (id, payload, headers) VALUES (:id, :payload, :headers)")
			.param("id", keys.getKeyAs(Long.class))
			.param("payload", message.payload())
			.param("headers", this.json.writeValueAsString(message.headers()))
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
	 * every unsent row for each batch, and fetches the payload of those rows alone.
	 */
	List<OutboxRecord> findUnsent(int limit) {
		return this.jdbc.sql(SELECT_UNSENT + "ORDER BY e.sent_at, e.id FETCH FIRST :limit ROWS ONLY")
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

	/**
	 * Makes the next message's id greater than {@code id} and than every id in the table.
	 * Data definition: on H2 it commits the transaction it is in.
	 */
	void continueIdsAfter(long id) {
		long highest = this.jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM outbox_event").query(Long.class).single();
		long next = Math.max(id, highest) + 1;
		// A number of our own: data definition takes no parameters.
		this.jdbc.sql("ALTER TABLE outbox_event ALTER COLUMN id RESTART WITH " + next).update();
	}

	/**
	 * Marks messages sent that are not marked yet.
	 * @return how many were marked now
	 */
	int markSent(List<Long> positions, Instant now) {
		return this.jdbc.sql("UPDATE outbox_event SET sent_at = :now WHERE id IN (:ids) AND sent_at IS NULL")
			.param("now", utc(now))
			.param("ids", positions)
			.update();
	}

	/**
	 * How many messages wait, counted on the unsent index alone, and how long the first
	 * in line has waited: one row read, where {@code MIN(created_at)} would read every
	 * waiting row on each refresh while a backlog drains.
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

	/** Deletes the sent messages, their payloads with them (the foreign key cascades). */
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
