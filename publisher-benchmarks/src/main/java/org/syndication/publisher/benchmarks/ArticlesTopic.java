package org.syndication.publisher.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
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

	/** The records on the topic: the sum of its partitions' end offsets. */
	long records() throws InterruptedException, ExecutionException {
		try (Admin admin = Admin.create(this.adminConfig)) {
			Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
			admin.describeTopics(List.of(this.name))
				.allTopicNames()
				.get()
				.get(this.name)
				.partitions()
				.forEach((partition) -> ends.put(new TopicPartition(this.name, partition.partition()),
						OffsetSpec.latest()));
			return admin.listOffsets(ends).all().get().values().stream().mapToLong((end) -> end.offset()).sum();
		}
	}

	/**
	 * Reads the whole topic and checks that each event is on it once and that each
	 * article's versions only increase, in the order a consumer reads them.
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
		Set<String> eventIds = new HashSet<>();
		Map<String, Long> lastVersion = new HashMap<>();
		Map<String, Integer> perArticle = new HashMap<>();
		long read = 0;
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(this.name));
			while (read < expected) {
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

}
