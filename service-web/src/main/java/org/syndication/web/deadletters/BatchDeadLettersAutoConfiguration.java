package org.syndication.web.deadletters;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.syndication.web.positions.ConsumerPositions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Retries and dead letters for the batch bindings of a service that uses Spring Cloud
 * Stream's Kafka binder ({@link BatchDeadLetters}); the dead letters go out through
 * producers of their own, with the service's {@code spring.kafka} settings, and are
 * counted in the service's meter registry (in none that is exported, when it has none).
 * Where the service keeps its position in its database ({@link ConsumerPositions}), the
 * position moves past each record the dead-letter topic has taken.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({ ListenerContainerWithDlqAndRetryCustomizer.class, KafkaProperties.class })
public final class BatchDeadLettersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ListenerContainerWithDlqAndRetryCustomizer.class)
	BatchDeadLetters batchDeadLetters(KafkaProperties kafka, ObjectProvider<MeterRegistry> meters,
			ObjectProvider<ConsumerPositions> positions) {
		return new BatchDeadLetters(
				new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new ByteArraySerializer(),
						new ByteArraySerializer()),
				meters.getIfAvailable(SimpleMeterRegistry::new),
				(record) -> positions.ifAvailable((service) -> service.passed(record)));
	}

}
