package org.syndication.publisher.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The baseline: one plain {@link KafkaProducer} with the relay's producer settings
 * sending the outbox's records to a topic of its own as fast as it can, each with a
 * callback, and waiting for every acknowledgement. No database work is timed: the records
 * are read before the clock starts.
 */
final class PlainProducer {

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final List<ProducerRecord<String, byte[]>> records;

	private PlainProducer(List<ProducerRecord<String, byte[]>> records) {
		this.records = records;
	}

	/**
	 * The outbox's records, in outbox order, as the relay makes them, addressed to
	 * {@code topic}.
	 */
	static PlainProducer of(JdbcTemplate jdbc, JsonMapper json, String topic) {
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
		jdbc.query("SELECT e.record_key, p.payload, p.headers FROM outbox_event e "
				+ "JOIN outbox_payload p ON p.id = e.id ORDER BY e.id", (rs) -> {
					String payload = rs.getString("payload");
					ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, rs.getString("record_key"),
							(payload != null) ? payload.getBytes(StandardCharsets.UTF_8) : null);
					json.readValue(rs.getString("headers"), HEADERS)
						.forEach((name, value) -> record.headers()
							.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
					records.add(record);
				});
		return new PlainProducer(records);
	}

	int size() {
		return this.records.size();
	}

	/**
	 * Sends every record and waits for every acknowledgement.
	 * @param config the producer's settings
	 * @return the seconds from the first send to the last acknowledgement
	 */
	double send(Map<String, Object> config) throws InterruptedException {
		CountDownLatch acknowledged = new CountDownLatch(this.records.size());
		AtomicInteger failures = new AtomicInteger();
		AtomicReference<Exception> firstFailure = new AtomicReference<>();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
			// Connected and the topic's partitions known before the clock starts, as the
			// relay's producer is after the publisher's start.
			producer.partitionsFor(this.records.get(0).topic());
			long start = System.nanoTime();
			for (ProducerRecord<String, byte[]> record : this.records) {
				producer.send(record, (metadata, exception) -> {
					if (exception != null) {
						failures.incrementAndGet();
						firstFailure.compareAndSet(null, exception);
					}
					acknowledged.countDown();
				});
			}
			if (!acknowledged.await(10, TimeUnit.MINUTES)) {
				throw new IllegalStateException("The plain producer did not finish within 10 minutes");
			}
			long end = System.nanoTime();
			if (failures.get() > 0) {
				throw new IllegalStateException(failures.get() + " sends of the plain producer failed",
						firstFailure.get());
			}
			return (end - start) / 1e9;
		}
	}

}
