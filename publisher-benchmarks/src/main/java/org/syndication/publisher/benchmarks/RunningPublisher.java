package org.syndication.publisher.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.syndication.publisher.PublisherApplication;
import org.syndication.publisher.outbox.Outbox;
import org.syndication.testsupport.InProcessService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * publisher-service, started in this process as it runs in production, with its own
 * defaults, on an H2 file database of its own and a real Kafka broker.
 */
final class RunningPublisher implements AutoCloseable {

	/** The scheduler lock the outbox relay runs under. */
	static final String RELAY_LOCK = "outbox-relay";

	private final InProcessService service;

	private RunningPublisher(InProcessService service) {
		this.service = service;
	}

	/**
	 * Starts the publisher.
	 * @param databaseUrl its JDBC URL
	 * @param bootstrapServers the broker
	 * @param jaasConfig its Kafka user's SASL settings
	 * @param overrides further properties, {@code name=value}; none for the defaults
	 * @return the running publisher
	 */
	static RunningPublisher start(String databaseUrl, String bootstrapServers, String jaasConfig,
			List<String> overrides) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", databaseUrl);
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
		properties.put("spring.kafka.properties.sasl.jaas.config", jaasConfig);
		properties.put("publisher.api-token", "publisher-benchmark-" + UUID.randomUUID());
		return new RunningPublisher(InProcessService.start(PublisherApplication.class, properties, overrides));
	}

	/**
	 * Takes the relay's scheduler lock as another instance would, so that the relay
	 * leaves the outbox alone until {@link #releaseRelay()}.
	 */
	void holdRelay() {
		jdbc().update("DELETE FROM shedlock WHERE name = ?", RELAY_LOCK);
		jdbc().update(
				"INSERT INTO shedlock (name, lock_until, locked_at, locked_by) "
						+ "VALUES (?, TIMESTAMP '2999-01-01 00:00:00', CURRENT_TIMESTAMP(3), 'publisher-benchmark')",
				RELAY_LOCK);
	}

	/** Lets the relay take its lock at its next poll. */
	void releaseRelay() {
		jdbc().update("UPDATE shedlock SET lock_until = TIMESTAMP '2000-01-01 00:00:00' WHERE name = ?", RELAY_LOCK);
	}

	/**
	 * Whether a message waits: the first entry of the unsent index, where a count would
	 * read the whole backlog's entries, every 20 ms, on the cores the relay drains with.
	 */
	boolean hasUnsent() {
		return !jdbc()
			.queryForList("SELECT id FROM outbox_event WHERE sent_at IS NULL FETCH FIRST 1 ROWS ONLY", Long.class)
			.isEmpty();
	}

	Outbox outbox() {
		return this.service.bean(Outbox.class);
	}

	TransactionTemplate transactions() {
		return this.service.bean(TransactionTemplate.class);
	}

	JdbcTemplate jdbc() {
		return this.service.bean(JdbcTemplate.class);
	}

	JsonMapper json() {
		return this.service.bean(JsonMapper.class);
	}

	/** The settings of the producer the relay sends with. */
	@SuppressWarnings("unchecked")
	Map<String, Object> producerConfig() {
		return new LinkedHashMap<>(
				this.service.bean(KafkaTemplate.class).getProducerFactory().getConfigurationProperties());
	}

	String property(String name) {
		return this.service.property(name);
	}

	@Override
	public void close() {
		this.service.close();
	}

}
