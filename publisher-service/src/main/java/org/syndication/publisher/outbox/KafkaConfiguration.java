package org.syndication.publisher.outbox;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.config.TopicConfig;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.web.pipeline.Traces;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	/**
	 * No log line per failed send: the outbox relay says once why Kafka fails, instead of
	 * a stack trace for every message of every attempt.
	 */
	@Bean
	ProducerListener<Object, Object> silentProducerListener() {
		return new ProducerListener<>() {
		};
	}

	/** How the relay turns outbox messages into records, and spans. */
	@Bean
	OutboxSends outboxSends(ProducerFactory<?, ?> producers, Traces traces) {
		return new OutboxSends(producers.getConfigurationProperties(), traces);
	}

	/**
	 * The relay's transactions: producers configured as {@code spring.kafka.producer}
	 * says, with the relay's transactional id, and readers of its topic that see
	 * committed records only.
	 */
	@Bean
	RelayTransactions relayTransactions(ProducerFactory<?, ?> producers, KafkaProperties kafka) {
		Map<String, Object> producer = new HashMap<>(producers.getConfigurationProperties());
		producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, RelayTransactions.TRANSACTIONAL_ID);
		Map<String, Object> reader = new HashMap<>(kafka.buildConsumerProperties());
		reader.remove(ConsumerConfig.GROUP_ID_CONFIG);
		reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		reader.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
		reader.put(ConsumerConfig.CLIENT_ID_CONFIG, "publisher-outbox-reader");
		return new RelayTransactions(
				() -> new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer()),
				() -> new KafkaConsumer<>(reader, new StringDeserializer(), new ByteArrayDeserializer()));
	}

	/**
	 * The relay's topic, where each transaction records the outbox ids it carries: one
	 * partition, compacted to the last record.
	 */
	@Bean
	NewTopic relayTopic(ArticlesTopicProperties properties) {
		return TopicBuilder.name(RelayTransactions.TOPIC)
			.partitions(1)
			.replicas(properties.replicationFactor())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

	/**
	 * The partner-facing topic: compacted, so a new consumer can bootstrap every current
	 * article from offset 0, with a compaction lag that keeps a week of history.
	 */
	@Bean
	NewTopic articlesTopic(ArticlesTopicProperties properties) {
		String lag = Long.toString(properties.minCompactionLag());
		return TopicBuilder.name(ArticleEventHeaders.TOPIC)
			.partitions(properties.partitions())
			.replicas(properties.replicationFactor())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, lag)
			.config(TopicConfig.DELETE_RETENTION_MS_CONFIG, lag)
			// What partners read as written: every client reads gzip without a plugin.
			.config(TopicConfig.COMPRESSION_TYPE_CONFIG, "gzip")
			.build();
	}

}
