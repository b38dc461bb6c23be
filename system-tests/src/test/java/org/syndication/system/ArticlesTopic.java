package org.syndication.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.syndication.events.ArticleEvent;

/**
 * The {@code articles} topic (and any other) as a Kafka user sees it: a plain Kafka
 * consumer and producer, no framework.
 */
final class ArticlesTopic {

	static final String NAME = "articles";

	private final Map<String, Object> clientConfig;

	/**
	 * @param clientConfig the connection and credentials of the user who reads and writes
	 */
	ArticlesTopic(Map<String, Object> clientConfig) {
		this.clientConfig = Map.copyOf(clientConfig);
	}

	/**
	 * @param clientConfig another user's connection and credentials
	 * @return the topic as that user sees it
	 */
	ArticlesTopic as(Map<String, Object> clientConfig) {
		return new ArticlesTopic(clientConfig);
	}

	/**
	 * Reads a topic from its beginning to the end it has now.
	 * @param topic the topic
	 * @return its records, partition by partition in offset order
	 */
	List<Record> readAll(String topic) {
		Properties properties = new Properties();
		properties.putAll(this.clientConfig);
		// A partner reads in a group of its own; the administrator in any.
		properties.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			List<Record> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("Could not read " + topic + " to its end within 60 s");
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					records.add(Record.of(record));
				}
			}
			return records;
		}
	}

	List<Record> readAll() {
		return readAll(NAME);
	}

	/**
	 * @param group a consumer group
	 * @return the partitions of each member of the group, by member
	 */
	Map<String, Set<Integer>> assignments(String group) {
		try (Admin admin = Admin.create(this.clientConfig)) {
			ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
				.describedGroups()
				.get(group)
				.get(10, TimeUnit.SECONDS);
			Map<String, Set<Integer>> assignments = new HashMap<>();
			for (MemberDescription member : description.members()) {
				assignments.put(member.consumerId(),
						member.assignment()
							.topicPartitions()
							.stream()
							.filter((partition) -> partition.topic().equals(NAME))
							.map(TopicPartition::partition)
							.collect(Collectors.toSet()));
			}
			return assignments;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot describe the consumer group " + group, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether a consumer group has processed records of the articles topic: its committed
	 * offset on each of their partitions is past the last of them.
	 * @param group a consumer group
	 * @param records records read from the topic ({@link #readAll()})
	 * @return whether it has
	 */
	boolean processedByGroup(String group, List<Record> records) {
		Map<Integer, Long> last = new HashMap<>();
		records.forEach((record) -> last.merge(record.partition(), record.offset(), Math::max));
		try (Admin admin = Admin.create(this.clientConfig)) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			return last.entrySet().stream().allMatch((partition) -> {
				OffsetAndMetadata offset = committed.get(new TopicPartition(NAME, partition.getKey()));
				return offset != null && offset.offset() > partition.getValue();
			});
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot read the offsets of the consumer group " + group, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param partition a partition of the articles topic
	 * @return the node id of its leader
	 */
	int leaderOf(int partition) {
		try (Admin admin = Admin.create(this.clientConfig)) {
			TopicDescription topic = admin.describeTopics(List.of(NAME))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(NAME);
			return topic.partitions().get(partition).leader().id();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot describe " + NAME, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Writes a record the way any producer could, with acks=all.
	 * @throws IllegalStateException if Kafka does not take it, the cause being Kafka's
	 * own error
	 */
	void send(String topic, String key, byte[] value, Map<String, String> headers) {
		Map<String, Object> config = new HashMap<>(this.clientConfig);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		// A refused or unauthenticated producer fails within seconds, not the default
		// minute.
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
			headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
			producer.send(record).get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot write to " + topic, ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One record as read.
	 *
	 * @param partition its partition
	 * @param offset its offset
	 * @param key its key
	 * @param value its value; null for a tombstone
	 * @param headers its headers, as UTF-8 text
	 */
	record Record(int partition, long offset, String key, byte[] value, Map<String, String> headers) {

		static Record of(ConsumerRecord<String, byte[]> record) {
			Map<String, String> headers = new LinkedHashMap<>();
			for (Header header : record.headers()) {
				headers.put(header.key(),
						(header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null);
			}
			return new Record(record.partition(), record.offset(), record.key(), record.value(), headers);
		}

		boolean isTombstone() {
			return this.value == null;
		}

		ArticleEvent event() {
			return Http.JSON.readValue(this.value, ArticleEvent.class);
		}

	}

	/**
	 * @param records records of the articles topic
	 * @return the events in them by article id, each article's in offset order
	 */
	static Map<String, List<ArticleEvent>> eventsByArticle(List<Record> records) {
		Map<String, List<ArticleEvent>> byArticle = new HashMap<>();
		for (Record record : records) {
			if (!record.isTombstone()) {
				byArticle.computeIfAbsent(record.key(), (key) -> new ArrayList<>()).add(record.event());
			}
		}
		return byArticle;
	}

}
