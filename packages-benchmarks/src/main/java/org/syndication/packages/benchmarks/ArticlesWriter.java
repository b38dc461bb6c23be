package org.syndication.packages.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.testsupport.TopicWriter;

/**
 * Writes the backlog onto the articles topic as the publisher's outbox relay does: each
 * event's record as the publisher makes it ({@link TopicWriter#record}), a Kafka
 * transaction per batch of 500 records, gzip, every acknowledgement awaited.
 */
final class ArticlesWriter {

	private static final int TRANSACTION_SIZE = 500;

	private ArticlesWriter() {
	}

	/**
	 * @param clientConfig a client's settings: bootstrap servers and SASL
	 * @param entries the records, in order
	 * @return per partition, the offset just after its last record: where a reader of the
	 * whole topic has read everything
	 */
	static Map<TopicPartition, Long> write(Map<String, Object> clientConfig, List<ArticleBacklog.Entry> entries) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "packages-benchmark-articles");
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
		Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			producer.initTransactions();
			for (int first = 0; first < entries.size(); first += TRANSACTION_SIZE) {
				producer.beginTransaction();
				for (ArticleBacklog.Entry entry : entries.subList(first,
						Math.min(entries.size(), first + TRANSACTION_SIZE))) {
					ProducerRecord<String, byte[]> record = (entry.event() != null) ? TopicWriter.record(entry.event())
							: new ProducerRecord<>(ArticleEventHeaders.TOPIC, entry.key(), null);
					producer.send(record, (metadata, exception) -> {
						if (metadata != null && exception == null) {
							ends.merge(new TopicPartition(metadata.topic(), metadata.partition()),
									metadata.offset() + 1, Math::max);
						}
					});
				}
				// Throws if any send of the transaction failed.
				producer.commitTransaction();
			}
		}
		return Map.copyOf(ends);
	}

}
