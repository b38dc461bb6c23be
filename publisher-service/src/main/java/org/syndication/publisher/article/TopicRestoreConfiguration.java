package org.syndication.publisher.article;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.syndication.publisher.outbox.OutboxRestore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code publisher.restore-from-topic=true} ({@code PUBLISHER_RESTORE_FROM_TOPIC}): the
 * first start after the database was restored from a backup brings it up to the
 * {@code articles} topic before it serves or relays anything ({@link TopicRestore}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("publisher.restore-from-topic")
class TopicRestoreConfiguration {

	@Bean
	TopicRestore topicRestore(KafkaProperties kafka, ArticleRepository articles, ArticleRevisionRepository revisions,
			OutboxRestore outbox, PlatformTransactionManager transactions, JsonMapper json, Clock clock) {
		Map<String, Object> reader = new HashMap<>(kafka.buildConsumerProperties());
		reader.remove(ConsumerConfig.GROUP_ID_CONFIG);
		reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		reader.put(ConsumerConfig.CLIENT_ID_CONFIG, "publisher-restore");
		return new TopicRestore(
				() -> new KafkaConsumer<>(reader, new StringDeserializer(), new ByteArrayDeserializer()), articles,
				revisions, outbox, new TransactionTemplate(transactions), json, clock, Duration.ofMinutes(5));
	}

}
