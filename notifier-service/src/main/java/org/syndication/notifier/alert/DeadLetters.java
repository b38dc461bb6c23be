package org.syndication.notifier.alert;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and the dead-letter topic for a binding that takes whole batches: the binder
 * does neither itself in batch mode, so the listener container's error handler does them,
 * with the attempts, back-off and dead-letter topic the binding's properties in
 * {@code application.yml} give (the binder still creates the topic). The listener names
 * the record that failed ({@link BatchListenerFailedException}); the handler keeps the
 * offsets of the records before it, tries it again from there and, once the attempts are
 * spent, publishes it to the dead-letter topic with the reason in the headers the binder
 * itself writes ({@code x-exception-message} and the others) and goes on after it.
 */
@Component
class DeadLetters implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

	private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

	DeadLetters(KafkaProperties kafka) {
		this.producers = new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(), new ByteArraySerializer(),
				new ByteArraySerializer());
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff) {
		BackOff retries = (backOff != null) ? backOff : new FixedBackOff(0, 0);
		DefaultErrorHandler handler;
		if (dlqDestinationResolver != null) {
			DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
					new KafkaTemplate<>(this.producers), dlqDestinationResolver);
			recoverer.setHeadersFunction(DeadLetters::binderHeaders);
			handler = new DefaultErrorHandler(recoverer, retries);
		}
		else {
			handler = new DefaultErrorHandler(retries);
		}
		container.setCommonErrorHandler(handler);
	}

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	/** The headers the binder writes on a dead letter, for those who read them. */
	private static Headers binderHeaders(ConsumerRecord<?, ?> record, Exception exception) {
		Throwable reason = reason(exception);
		StringWriter trace = new StringWriter();
		reason.printStackTrace(new PrintWriter(trace));
		Headers headers = new RecordHeaders();
		header(headers, "x-original-topic", record.topic());
		header(headers, "x-original-partition", Integer.toString(record.partition()));
		header(headers, "x-original-offset", Long.toString(record.offset()));
		header(headers, "x-exception-fqcn", reason.getClass().getName());
		header(headers, "x-exception-message", String.valueOf(reason.getMessage()));
		header(headers, "x-exception-stacktrace", trace.toString());
		return headers;
	}

	/** What went wrong with the record, below the listener's and container's wrappers. */
	private static Throwable reason(Exception exception) {
		Throwable reason = exception;
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof BatchListenerFailedException failed && failed.getCause() != null) {
				return failed.getCause();
			}
			reason = cause;
		}
		return reason;
	}

	private static void header(Headers headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void destroy() {
		this.producers.destroy();
	}

}
