package org.syndication.feed.catalog;

import java.util.Map;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and the dead-letter topic for a binding in batch mode, where the binder does
 * neither itself: the listener container's error handler retries a failed record with the
 * binding's back-off ({@code max-attempts}, {@code back-off-*}) and then publishes it to
 * the binding's dead-letter topic ({@code enable-dlq}, {@code dlq-name}), with the
 * headers the binder's own dead-letter records carry ({@code x-original-topic},
 * {@code x-exception-message} ...). The binder still creates the dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class ArticleErrorHandling {

	@Bean
	ListenerContainerWithDlqAndRetryCustomizer deadLetterErrorHandler(ProducerFactory<?, ?> producerFactory) {
		return new ListenerContainerWithDlqAndRetryCustomizer() {

			@Override
			public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
					String group, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
					BackOff backOff) {
				if (dlqDestinationResolver == null) {
					return;
				}
				// The records' keys and values are the bytes as read, and go out as they
				// came.
				KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(bytes(producerFactory),
						Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
								ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
				DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
						dlqDestinationResolver);
				recoverer.setHeaderNamesSupplier(ArticleErrorHandling::binderHeaderNames);
				container.setCommonErrorHandler(
						new DefaultErrorHandler(recoverer, (backOff != null) ? backOff : new FixedBackOff(0, 0)));
			}

			@Override
			public boolean retryAndDlqInBinding(String destinationName, String group) {
				return false;
			}

		};
	}

	@SuppressWarnings("unchecked")
	private static ProducerFactory<byte[], byte[]> bytes(ProducerFactory<?, ?> factory) {
		return (ProducerFactory<byte[], byte[]>) factory;
	}

	private static DeadLetterPublishingRecoverer.HeaderNames binderHeaderNames() {
		return DeadLetterPublishingRecoverer.HeaderNames.Builder.original()
			.topicHeader(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC)
			.partitionHeader(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION)
			.offsetHeader(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET)
			.timestampHeader(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP)
			.timestampTypeHeader(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP_TYPE)
			.consumerGroupHeader("x-original-consumer-group")
			.exception()
			.exceptionFqcn(KafkaMessageChannelBinder.X_EXCEPTION_FQCN)
			.exceptionCauseFqcn("x-exception-cause-fqcn")
			.exceptionMessage(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE)
			.exceptionStacktrace(KafkaMessageChannelBinder.X_EXCEPTION_STACKTRACE)
			.keyExceptionFqcn("x-key-exception-fqcn")
			.keyExceptionMessage("x-key-exception-message")
			.keyExceptionStacktrace("x-key-exception-stacktrace")
			.build();
	}

}
