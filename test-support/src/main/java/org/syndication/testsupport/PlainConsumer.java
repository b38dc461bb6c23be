package org.syndication.testsupport;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEventReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer benchmarks' baseline: a plain {@link KafkaConsumer} in a new group that
 * reads every record of the {@code articles} topic and parses it with the contract's
 * reader, and does nothing else.
 */
public final class PlainConsumer {

	/** Passes per round; their median is the baseline. */
	public static final int PASSES = 3;

	private PlainConsumer() {
	}

	/**
	 * Reads the topic {@value #PASSES} times, each in a group of its own, and tells each
	 * pass's rate on standard error. One pass of a second or so varies by a third from
	 * one to the next on a busy machine, and the passes speed up as the broker warms: the
	 * median is the baseline.
	 * @param clientConfig how to reach the broker, with credentials that may read the
	 * topic
	 * @param records how many records the topic holds
	 * @param patience how long one pass may take
	 * @return the median of the passes' seconds
	 */
	public static double median(Map<String, Object> clientConfig, int records, Duration patience) {
		double[] seconds = new double[PASSES];
		for (int pass = 0; pass < PASSES; pass++) {
			seconds[pass] = read(clientConfig, records, patience);
			System.err.printf("    pass %d: %,.0f events/s%n", pass + 1, records / seconds[pass]);
		}
		Arrays.sort(seconds);
		return seconds[PASSES / 2];
	}

	/**
	 * One pass.
	 * @return the seconds from subscribing to the last record parsed
	 */
	public static double read(Map<String, Object> clientConfig, int records, Duration patience) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-plain-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		ArticleEventReader reader = new ArticleEventReader(JsonMapper.builder().build(), (id, type) -> {
		});
		int parsed = 0;
		long start;
		long end;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			start = System.nanoTime();
			long deadline = start + patience.toNanos();
			consumer.subscribe(List.of(ArticleEventHeaders.TOPIC));
			while (parsed < records) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"The plain consumer read " + parsed + " of " + records + " records in " + patience);
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					if (reader.read(record.value()).isEmpty()) {
						throw new IllegalStateException("Unreadable record at offset " + record.offset());
					}
					parsed++;
				}
			}
			end = System.nanoTime();
		}
		if (parsed != records) {
			throw new IllegalStateException("The plain consumer read " + parsed + " records, expected " + records);
		}
		return (end - start) / 1e9;
	}

}
