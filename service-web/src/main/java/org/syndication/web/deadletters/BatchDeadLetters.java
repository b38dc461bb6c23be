package org.syndication.web.deadletters;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.web.database.DatabaseFailures;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and the dead-letter topic for a binding that takes whole batches: the binder
 * does neither itself in batch mode, so the listener container's error handler does them,
 * with the attempts, back-off and dead-letter topic of the binding's properties
 * ({@code max-attempts}, {@code back-off-*}, {@code enable-dlq}, {@code dlq-name}; the
 * binder still creates the topic). The listener names the record that failed
 * ({@link BatchListenerFailedException}); the handler keeps the offsets of the records
 * before it, tries it again from there and, once the attempts are spent, publishes it as
 * it was read (key, value and headers as bytes) to the dead-letter topic and goes on
 * after it.
 * <p>
 * The dead letter carries the headers the binder's own dead letters carry, under the same
 * names and in the same encoding ({@code x-original-topic}, {@code x-original-partition}
 * as a 4-byte and {@code x-original-offset} as an 8-byte big-endian number,
 * {@code x-exception-message} ...), and no second set under Spring Kafka's names. They
 * describe what went wrong with the record itself, below the listener's and the
 * container's wrappers, so that {@code x-exception-message} says why the record was
 * refused.
 * <p>
 * A failure that is the database's and not the record's (no connection, a transaction
 * that cannot begin, a lock or query timeout, a deadlock: Spring's transient and
 * resource-failure exceptions, SQL state class 08) is tried again until it passes, at
 * growing intervals up to 30 s, and never dead-lettered: the records of a database outage
 * are applied when it ends, not lost to the dead-letter topic one after another.
 * <p>
 * Each record the dead-letter topic has taken is counted once, in
 * {@code deadletter.records} tagged with the topic; the count of each binding's
 * dead-letter topic is there, at 0, from the moment the binding is configured, so that an
 * alert on its increase sees the very first dead letter.
 */
public final class BatchDeadLetters implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(BatchDeadLetters.class);

	private static final String COUNTER = "deadletter.records";

	private final ProducerFactory<byte[], byte[]> producers;

	private final MeterRegistry meters;

	private final BackOff untilItRecovers;

	private final Consumer<ConsumerRecord<?, ?>> passed;

	/**
	 * @param producers the producers that write the dead letters; closed with this
	 * @param meters where the dead letters are counted
	 */
	public BatchDeadLetters(ProducerFactory<byte[], byte[]> producers, MeterRegistry meters) {
		this(producers, meters, (record) -> {
		});
	}

	/**
	 * @param producers the producers that write the dead letters; closed with this
	 * @param meters where the dead letters are counted
	 * @param passed told of each record the dead-letter topic has taken, which the
	 * binding goes on after (a failure of it is logged, and changes nothing else)
	 */
	public BatchDeadLetters(ProducerFactory<byte[], byte[]> producers, MeterRegistry meters,
			Consumer<ConsumerRecord<?, ?>> passed) {
		this(producers, meters, untilItRecovers(), passed);
	}

	/**
	 * @param producers the producers that write the dead letters; closed with this
	 * @param meters where the dead letters are counted
	 * @param untilItRecovers the back-off for failures of the database, which must never
	 * stop
	 */
	BatchDeadLetters(ProducerFactory<byte[], byte[]> producers, MeterRegistry meters, BackOff untilItRecovers) {
		this(producers, meters, untilItRecovers, (record) -> {
		});
	}

	private BatchDeadLetters(ProducerFactory<byte[], byte[]> producers, MeterRegistry meters, BackOff untilItRecovers,
			Consumer<ConsumerRecord<?, ?>> passed) {
		this.producers = producers;
		this.meters = meters;
		this.untilItRecovers = untilItRecovers;
		this.passed = passed;
	}

	private static BackOff untilItRecovers() {
		ExponentialBackOff backOff = new ExponentialBackOff(1000, 2);
		backOff.setMaxInterval(30_000);
		return backOff;
	}

	/**
	 * The form the binder calls, with the binding's properties: they name the dead-letter
	 * topic that its resolver returns, whose count starts here, at 0.
	 */
	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff, ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
		String dlqName = properties.getExtension().getDlqName();
		if (dlqDestinationResolver != null && StringUtils.hasText(dlqName)) {
			deadLetters(dlqName);
		}
		configure(container, destinationName, group, dlqDestinationResolver, backOff);
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff) {
		BackOff retries = (backOff != null) ? backOff : new FixedBackOff(0, 0);
		DefaultErrorHandler handler;
		if (dlqDestinationResolver != null) {
			DeadLetterPublishingRecoverer recoverer = new CountingRecoverer(new KafkaTemplate<>(this.producers),
					dlqDestinationResolver);
			recoverer.setHeaderNamesSupplier(BatchDeadLetters::binderHeaderNames);
			ConsumerAwareRecordRecoverer ofTheRecord = (record, consumer, exception) -> {
				recoverer.accept(record, consumer, reason(exception));
				passed(record);
			};
			handler = new DefaultErrorHandler(ofTheRecord, retries);
		}
		else {
			handler = new DefaultErrorHandler(retries);
		}
		handler.setBackOffFunction(
				(record, exception) -> DatabaseFailures.isTheDatabases(exception) ? this.untilItRecovers : null);
		container.setCommonErrorHandler(handler);
	}

	private void passed(ConsumerRecord<?, ?> record) {
		try {
			this.passed.accept(record);
		}
		catch (RuntimeException ex) {
			logger.warn("Record {}-{}@{} is in the dead-letter topic, but could not be marked passed: {}",
					record.topic(), record.partition(), record.offset(), ex.toString());
		}
	}

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	private Counter deadLetters(String topic) {
		return Counter.builder(COUNTER)
			.description("Records sent to a dead-letter topic")
			.tag("topic", topic)
			.register(this.meters);
	}

	/** The names the binder gives the headers of its own dead letters. */
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

	/**
	 * What went wrong with the record: the cause the listener gave when it named the
	 * record, else the innermost exception.
	 */
	static Exception reason(Exception exception) {
		Exception reason = exception;
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof BatchListenerFailedException failed && failed.getCause() instanceof Exception named) {
				return named;
			}
			if (cause instanceof Exception innermost) {
				reason = innermost;
			}
		}
		return reason;
	}

	/** Counts each dead letter once the topic has taken it. */
	private final class CountingRecoverer extends DeadLetterPublishingRecoverer {

		CountingRecoverer(KafkaOperations<?, ?> template,
				BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destinationResolver) {
			super(template, destinationResolver);
		}

		// Returns only once the broker has acknowledged the record (the recoverer waits
		// for the send and throws when it failed), and is called once for each record
		// sent.
		@Override
		protected void publish(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> kafkaTemplate,
				ConsumerRecord<?, ?> inRecord) {
			super.publish(outRecord, kafkaTemplate, inRecord);
			deadLetters(outRecord.topic()).increment();
		}

	}

	@Override
	public void destroy() {
		if (this.producers instanceof DefaultKafkaProducerFactory<byte[], byte[]> factory) {
			factory.destroy();
		}
	}

}
