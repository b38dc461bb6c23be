package org.syndication.publisher.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a topic holds, as an administrator sees it.
 */
final class ArticlesTopic {

	private final Map<String, Object> adminConfig;

	private final String name;

	ArticlesTopic(Map<String, Object> adminConfig, String name) {
		this.adminConfig = adminConfig;
		this.name = name;
	}

	/**
	 * Reads the whole topic as a consumer of committed records, up to its end, and checks
	 * that it holds the expected records, each event once, and that each article's
	 * versions only increase, in the order a consumer reads them.
	 * @param expected how many records it must hold
	 * @param eventsPerArticle how many each article must have
	 * @return a description of what was checked
	 * @throws IllegalStateException if the topic breaks any of this
	 */
	String verify(long expected, int eventsPerArticle, JsonMapper json) {
		Map<String, Object> config = new HashMap<>(this.adminConfig);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "publisher-benchmark-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		Set<String> eventIds = new HashSet<>();
		Map<String, Long> lastVersion = new HashMap<>();
		Map<String, Integer> perArticle = new HashMap<>();
		long read = 0;
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(this.name));
			// Up to every partition's end (for committed records, the last stable
			// offset),
			// so that a record too many is read too.
			while (read < expected || !atEnd(consumer)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Read only " + read + " of " + expected + " records in 5 minutes");
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					read++;
					String eventId = new String(record.headers().lastHeader(ArticleEventHeaders.ID).value(),
							StandardCharsets.UTF_8);
					if (!eventIds.add(eventId)) {
						throw new IllegalStateException("Event " + eventId + " is on the topic twice");
					}
					long version = json.readValue(record.value(), ArticleEvent.class).article().version();
					Long before = lastVersion.put(record.key(), version);
					if (before != null && before >= version) {
						throw new IllegalStateException("Article " + record.key() + " has version " + version
								+ " after version " + before + " at offset " + record.offset());
					}
					perArticle.merge(record.key(), 1, Integer::sum);
				}
			}
		}
		if (read != expected || perArticle.values().stream().anyMatch((count) -> count != eventsPerArticle)) {
			throw new IllegalStateException(
					"Read " + read + " records, expected " + expected + ", " + eventsPerArticle + " per article");
		}
		return String.format("%,d records, %,d distinct event ids, %,d articles with %d versions each in order", read,
				eventIds.size(), perArticle.size(), eventsPerArticle);
	}

	private static boolean atEnd(KafkaConsumer<String, byte[]> consumer) {
		Set<TopicPartition> assigned = consumer.assignment();
		if (assigned.isEmpty()) {
			return false;
		}
		Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
		return assigned.stream().allMatch((partition) -> consumer.position(partition) >= ends.get(partition));
	}

}
