package org.syndication.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A dead-letter topic read from its start, as an operator would, in a consumer group of
 * its own.
 */
public final class DeadLetterTopic {

	private DeadLetterTopic() {
	}

	/**
	 * The dead letters with this key: waits until at least {@code count} have arrived,
	 * then once more, so that the answer also holds any sent more often.
	 * @param bootstrapServers the broker
	 * @param topic the dead-letter topic
	 * @param key the key of the records looked for
	 * @param count how many to wait for
	 * @param patience how long to wait for them
	 * @return every dead letter with the key, in the order read
	 */
	public static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic, String key,
			int count, Duration patience) {
		try (KafkaConsumer<String, String> consumer = fromTheStart(bootstrapServers, topic)) {
			List<ConsumerRecord<String, String>> dead = new ArrayList<>();
			long deadline = System.nanoTime() + patience.toNanos();
			while (dead.size() < count) {
				if (System.nanoTime() - deadline > 0) {
					throw new AssertionError("%d of %d dead letters with key %s on %s after %s".formatted(dead.size(),
							count, key, topic, patience));
				}
				poll(consumer, key, dead, Duration.ofMillis(200));
			}
			// Anything sent more often would have arrived by now.
			poll(consumer, key, dead, Duration.ofSeconds(1));
			return dead;
		}
	}

	/**
	 * The keys of every dead letter up to the first with a key, which a test sends last:
	 * on a topic of one partition, nothing dead-lettered before it is missed.
	 * @param bootstrapServers the broker
	 * @param topic the dead-letter topic, of one partition
	 * @param last the key of the dead letter to read up to
	 * @param patience how long to wait for it
	 * @return the keys read before it, in order
	 */
	public static List<String> keysBefore(String bootstrapServers, String topic, String last, Duration patience) {
		try (KafkaConsumer<String, String> consumer = fromTheStart(bootstrapServers, topic)) {
			List<String> keys = new ArrayList<>();
			long deadline = System.nanoTime() + patience.toNanos();
			while (System.nanoTime() - deadline < 0) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (last.equals(record.key())) {
						return keys;
					}
					keys.add(record.key());
				}
			}
			throw new AssertionError("No dead letter with key %s on %s after %s".formatted(last, topic, patience));
		}
	}

	/** A consumer of the topic in a group of its own, from its first record. */
	private static KafkaConsumer<String, String> fromTheStart(String bootstrapServers, String topic) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"dlq-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(topic));
		return consumer;
	}

	private static void poll(KafkaConsumer<String, String> consumer, String key,
			List<ConsumerRecord<String, String>> dead, Duration timeout) {
		consumer.poll(timeout).forEach((record) -> {
			if (key.equals(record.key())) {
				dead.add(record);
			}
		});
	}

}
