package org.syndication.publisher.outbox;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.syndication.events.ArticleEventHeaders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
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
			.build();
	}

}
