package org.syndication.publisher.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events written by a publisher of an older schema, before the payload had a table of its
 * own, survive the migration on H2; {@link OutboxMigrationPostgresTests} runs it on
 * PostgreSQL.
 */
class OutboxMigrationTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123Z");

	private SingleConnectionDataSource dataSource;

	@BeforeEach
	void openDatabase() {
		this.dataSource = dataSource();
	}

	@AfterEach
	void closeDatabase() {
		dropDatabase(this.dataSource);
		this.dataSource.destroy();
	}

	SingleConnectionDataSource dataSource() {
		return new SingleConnectionDataSource("jdbc:h2:mem:outbox-migration-" + UUID.randomUUID(), true);
	}

	/** The in-memory database goes with its connection. */
	void dropDatabase(SingleConnectionDataSource dataSource) {
	}

	FluentConfiguration flyway(SingleConnectionDataSource dataSource) {
		return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
	}

	@Test
	void unsentEventsOfTheOlderSchemaAreSentAfterTheMigrationWithTheirPayloadAndHeaders() {
		flyway(this.dataSource).target("4").load().migrate();
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		insertOldStyle(jdbc, "a", "{\"n\":1}", "{\"ce_id\":\"1\",\"content-type\":\"application/json\"}", null);
		insertOldStyle(jdbc, "a", null, "{}", null);
		insertOldStyle(jdbc, "b", "{\"n\":3}", "{}", NOW);

		flyway(this.dataSource).load().migrate();

		OutboxRepository outbox = new OutboxRepository(jdbc, JsonMapper.builder().build());
		OutboxMessage written = new OutboxMessage("articles", "c", "{\"n\":4}", Map.of("ce_id", "4"));
		outbox.insert(written, NOW);
		List<OutboxRecord> unsent = outbox.findUnsent(10);
		assertThat(unsent).extracting(OutboxRecord::message)
			.containsExactly(
					new OutboxMessage("articles", "a", "{\"n\":1}",
							Map.of("ce_id", "1", "content-type", "application/json")),
					OutboxMessage.tombstone("articles", "a"), written);
		assertThat(unsent).extracting(OutboxRecord::position).isSorted();

		assertThat(outbox.deleteSentBefore(NOW.plusSeconds(1))).isOne();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_payload").query(Long.class).single()).isEqualTo(3);
	}

	private static void insertOldStyle(JdbcClient jdbc, String key, String payload, String headers, Instant sentAt) {
		jdbc.sql("INSERT INTO outbox_event (topic, record_key, payload, headers, created_at, sent_at) "
				+ "VALUES ('articles', :key, :payload, :headers, :createdAt, :sentAt)")
			.param("key", key)
			.param("payload", payload)
			.param("headers", headers)
			.param("createdAt", NOW.atOffset(ZoneOffset.UTC))
			.param("sentAt", (sentAt != null) ? sentAt.atOffset(ZoneOffset.UTC) : null)
			.update();
	}

}
