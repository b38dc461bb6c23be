package org.syndication.web.positions;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service's {@code consumer_position} table, which {@link ConsumerPositions} keeps:
 * the next offset of each partition the service has applied. Every statement runs in the
 * caller's transaction, if any.
 */
final class PositionTable {

	private final JdbcClient jdbc;

	PositionTable(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Saves a progress: each partition's next offset, replacing the one held. */
	void save(Progress progress) {
		progress.next().forEach((partition, next) -> {
			int updated = this.jdbc.sql(
					"UPDATE consumer_position SET next_offset = :next WHERE topic = :topic AND kafka_partition = :partition")
				.param("next", next)
				.param("topic", partition.topic())
				.param("partition", partition.partition())
				.update();
			if (updated == 0) {
				this.jdbc
					.sql("INSERT INTO consumer_position (topic, kafka_partition, next_offset) "
							+ "VALUES (:topic, :partition, :next)")
					.param("topic", partition.topic())
					.param("partition", partition.partition())
					.param("next", next)
					.update();
			}
		});
	}

	/** Moves the position past a record, where it stands at that record. */
	void passed(ConsumerRecord<?, ?> record) {
		this.jdbc
			.sql("UPDATE consumer_position SET next_offset = :next "
					+ "WHERE topic = :topic AND kafka_partition = :partition AND next_offset = :offset")
			.param("next", record.offset() + 1)
			.param("topic", record.topic())
			.param("partition", record.partition())
			.param("offset", record.offset())
			.update();
	}

	/** The next offset of each partition of a topic that the table holds one for. */
	Map<Integer, Long> stored(String topic) {
		Map<Integer, Long> stored = new HashMap<>();
		this.jdbc.sql("SELECT kafka_partition, next_offset FROM consumer_position WHERE topic = :topic")
			.param("topic", topic)
			.query((rs, row) -> stored.put(rs.getInt(1), rs.getLong(2)))
			.list();
		return stored;
	}

}
