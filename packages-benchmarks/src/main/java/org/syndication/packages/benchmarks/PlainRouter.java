package org.syndication.packages.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEventReader;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;
import org.syndication.packages.definition.PackageDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline: one thread with a plain {@link KafkaConsumer} and a transactional
 * {@link KafkaProducer} routing the articles topic into topics of its own by the same
 * rules, read with the same reader and matched by {@link PackageDefinition#matches}, with
 * the same records out: the event where the article meets a package's rule, a tombstone
 * where it no longer does, a retraction and a tombstone where it was held.
 * <p>
 * Exactly once, like the topology: its sends and its consumed offsets commit in one
 * transaction ({@code sendOffsetsToTransaction}), every 100 ms as Kafka Streams commits
 * under exactly-once, with the producer settings Kafka Streams uses (gzip, as the service
 * sets, and {@code linger.ms=100}). What it does not do: it keeps which packages hold
 * each article in a map in memory, with no changelog, and no back-catalogue of the
 * articles, so it could neither resume after a crash with its memberships nor fill a
 * package defined later. The topology writes both to changelog topics in the same
 * transactions.
 */
final class PlainRouter {

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private static final long COMMIT_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

	private final Map<String, Object> clientConfig;

	private final List<PackageDefinition> definitions;

	private final Map<String, String> topics;

	private final String name;

	private final ArticleEventReader reader = new ArticleEventReader(JsonMapper.builder().build(), (id, type) -> {
	});

	private final Map<String, Set<String>> held = new HashMap<>();

	/**
	 * @param clientConfig a client's settings: bootstrap servers and SASL
	 * @param definitions the packages
	 * @param topics where each package's records go, by package name
	 * @param name the consumer group and transactional id
	 */
	PlainRouter(Map<String, Object> clientConfig, List<PackageDefinition> definitions, Map<String, String> topics,
			String name) {
		this.clientConfig = clientConfig;
		this.definitions = definitions;
		this.topics = topics;
		this.name = name;
	}

	/**
	 * Routes the articles topic from its start until it has read past every record.
	 * @param ends per partition of the articles topic, the offset after its last record
	 * @return the seconds from creating the clients until the last transaction committed,
	 * and until the first records came
	 */
	Timing run(Map<TopicPartition, Long> ends) {
		long start = System.nanoTime();
		long firstRecords = 0;
		Map<String, Object> consumerConfig = new HashMap<>(this.clientConfig);
		consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, this.name);
		consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		// As Kafka Streams sets it for its consumers.
		consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
		Map<String, Object> producerConfig = new HashMap<>(this.clientConfig);
		producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, this.name);
		producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
		producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 100);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
				new ByteArrayDeserializer());
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
						new ByteArraySerializer())) {
			producer.initTransactions();
			consumer.subscribe(List.of(ArticleEventHeaders.TOPIC));
			long deadline = start + TIMEOUT.toNanos();
			long lastCommit = System.nanoTime();
			boolean open = false;
			while (true) {
				ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
				if (!records.isEmpty()) {
					if (firstRecords == 0) {
						firstRecords = System.nanoTime();
					}
					if (!open) {
						producer.beginTransaction();
						open = true;
					}
					for (ConsumerRecord<String, byte[]> record : records) {
						route(record).forEach(producer::send);
					}
				}
				boolean done = readPast(consumer, ends);
				if (open && (done || System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS)) {
					Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
					for (TopicPartition partition : consumer.assignment()) {
						offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
					}
					producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
					// Throws if any send of the transaction failed.
					producer.commitTransaction();
					open = false;
					lastCommit = System.nanoTime();
				}
				if (done && !open) {
					long end = System.nanoTime();
					return new Timing((end - start) / 1e9, (firstRecords - start) / 1e9);
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The plain router did not read the articles topic within "
							+ TIMEOUT.toMinutes() + " minutes");
				}
			}
		}
	}

	private List<ProducerRecord<String, byte[]>> route(ConsumerRecord<String, byte[]> record) {
		String key = record.key();
		List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
		Set<String> before = this.held.getOrDefault(key, Set.of());
		if (record.value() == null) {
			before.forEach((name) -> out.add(tombstone(name, record)));
			this.held.remove(key);
			return out;
		}
		Optional<ArticleEvent> read = this.reader.read(record.value());
		if (read.isEmpty()) {
			return out;
		}
		ArticleEvent event = read.get();
		if (event.type() == ArticleEventType.RETRACTED) {
			for (String name : before) {
				out.add(event(name, record));
				out.add(tombstone(name, record));
			}
			this.held.remove(key);
			return out;
		}
		ArticleSnapshot article = event.article();
		Set<String> holding = new TreeSet<>();
		for (PackageDefinition definition : this.definitions) {
			if (definition.matches(article.categories(), article.language(), article.authors())) {
				out.add(event(definition.name(), record));
				holding.add(definition.name());
			}
			else if (before.contains(definition.name())) {
				out.add(tombstone(definition.name(), record));
			}
		}
		if (holding.isEmpty()) {
			this.held.remove(key);
		}
		else {
			this.held.put(key, holding);
		}
		return out;
	}

	private ProducerRecord<String, byte[]> event(String name, ConsumerRecord<String, byte[]> record) {
		return new ProducerRecord<>(this.topics.get(name), null, record.timestamp(), record.key(), record.value(),
				new RecordHeaders(record.headers().toArray()));
	}

	private ProducerRecord<String, byte[]> tombstone(String name, ConsumerRecord<String, byte[]> record) {
		return new ProducerRecord<>(this.topics.get(name), null, record.timestamp(), record.key(), (byte[]) null);
	}

	private static boolean readPast(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
		if (!consumer.assignment().containsAll(ends.keySet())) {
			return false;
		}
		return ends.entrySet().stream().allMatch((end) -> consumer.position(end.getKey()) >= end.getValue());
	}

}
