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
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"dlq-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
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

	private static void poll(KafkaConsumer<String, String> consumer, String key,
			List<ConsumerRecord<String, String>> dead, Duration timeout) {
		consumer.poll(timeout).forEach((record) -> {
			if (key.equals(record.key())) {
				dead.add(record);
			}
		});
	}

}
