package org.syndication.packages.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.syndication.events.ArticleEventHeaders;

/**
 * What topics hold, read from the start to the end as a partner reads them, with
 * {@code isolation.level=read_committed}: per article, the event ids and tombstones in
 * the order a consumer gets them.
 */
final class TopicContents {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private final Map<String, Object> clientConfig;

	TopicContents(Map<String, Object> clientConfig) {
		this.clientConfig = clientConfig;
	}

	/**
	 * Reads topics to their end; for committed records the end is the last stable offset,
	 * which is the end once no transaction is open.
	 * @param topics the topics, by package name
	 * @return per package, per article, its records in order
	 */
	Map<String, Map<String, List<String>>> read(Map<String, String> topics) {
		Map<String, Object> config = new HashMap<>(this.clientConfig);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "packages-benchmark-check-" + UUID.randomUUID());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		Map<String, String> packageOfTopic = new HashMap<>();
		Map<String, Map<String, List<String>>> contents = new LinkedHashMap<>();
		topics.forEach((name, topic) -> {
			packageOfTopic.put(topic, name);
			contents.put(name, new HashMap<>());
		});
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : topics.values()) {
				for (PartitionInfo partition : consumer.partitionsFor(topic)) {
					partitions.add(new TopicPartition(topic, partition.partition()));
				}
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Topics " + topics.values() + " not read to their end within "
							+ TIMEOUT.toMinutes() + " minutes");
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					contents.get(packageOfTopic.get(record.topic()))
						.computeIfAbsent(record.key(), (key) -> new ArrayList<>())
						.add((record.value() != null) ? eventId(record) : ExpectedRecords.TOMBSTONE);
				}
			}
		}
		return contents;
	}

	/**
	 * Reads topics and compares them with what they must hold.
	 * @param topics the topics, by package name
	 * @param expected per package, per article, the records it must hold
	 * @return how many records were read
	 * @throws IllegalStateException naming the first package and article that differ
	 */
	long check(Map<String, String> topics, Map<String, Map<String, List<String>>> expected) {
		Map<String, Map<String, List<String>>> actual = read(topics);
		long records = 0;
		for (Map.Entry<String, Map<String, List<String>>> wanted : expected.entrySet()) {
			String name = wanted.getKey();
			Map<String, List<String>> found = actual.get(name);
			for (Map.Entry<String, List<String>> article : wanted.getValue().entrySet()) {
				List<String> has = found.getOrDefault(article.getKey(), List.of());
				if (!has.equals(article.getValue())) {
					throw new IllegalStateException(String.format(
							"%s holds for article %s %s, expected %s (%,d records in the topic, %,d expected)",
							topics.get(name), article.getKey(), has, article.getValue(), count(found),
							count(wanted.getValue())));
				}
			}
			for (String key : found.keySet()) {
				if (!wanted.getValue().containsKey(key)) {
					throw new IllegalStateException(String.format("%s holds %s for article %s, which it must not hold",
							topics.get(name), found.get(key), key));
				}
			}
			records += count(found);
		}
		return records;
	}

	/**
	 * @param topic a topic
	 * @return how many committed records it holds
	 */
	long count(String topic) {
		return count(read(Map.of(topic, topic)).get(topic));
	}

	private static long count(Map<String, List<String>> byKey) {
		return byKey.values().stream().mapToLong(List::size).sum();
	}

	private static String eventId(ConsumerRecord<String, byte[]> record) {
		Header id = record.headers().lastHeader(ArticleEventHeaders.ID);
		return new String(Objects.requireNonNull(id, "a record without " + ArticleEventHeaders.ID).value(),
				StandardCharsets.UTF_8);
	}

}
