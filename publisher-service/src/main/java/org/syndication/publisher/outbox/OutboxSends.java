package org.syndication.publisher.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.syndication.web.pipeline.Traces;

/**
 * Hands outbox messages to Kafka's producer. A message written in a trace (the editor's
 * request, a scheduled publication) is sent in a producer span of that trace, and its
 * record carries the span's {@code traceparent}, so that consumers, partners' too,
 * continue the trace below the send. The span ends when Kafka answers, and names the
 * partition and offset the record got.
 */
class OutboxSends {

	private final Map<String, Object> producerConfiguration;

	private final Traces traces;

	OutboxSends(Map<String, Object> producerConfiguration, Traces traces) {
		this.producerConfiguration = Map.copyOf(producerConfiguration);
		this.traces = traces;
	}

	/**
	 * @param producer the relay's producer, in a transaction
	 * @return Kafka's answer: the record's place on the topic, or why it was not written
	 * @throws RuntimeException when the producer refuses the record at once (Kafka cannot
	 * be found within max.block.ms, say)
	 */
	CompletableFuture<RecordMetadata> send(Producer<String, byte[]> producer, OutboxMessage message) {
		String traceParent = message.headers().get(Traces.TRACEPARENT);
		if (traceParent == null) {
			return send(producer, record(message, null));
		}
		Span span = this.traces.start("articles send", Span.Kind.PRODUCER, traceParent)
			.tag("messaging.system", "kafka")
			.tag("messaging.destination.name", message.topic())
			.tag("article.id", message.key());
		String eventId = message.headers().get("ce_id");
		if (eventId != null) {
			span.tag("event.id", eventId);
		}
		CompletableFuture<RecordMetadata> sent;
		try {
			sent = send(producer, record(message, this.traces.parentOf(span)));
		}
		catch (RuntimeException ex) {
			span.error(ex);
			span.end();
			throw ex;
		}
		return sent.whenComplete((result, failure) -> {
			if (failure != null) {
				span.error(failure);
			}
			else if (result != null) {
				span.tag("messaging.destination.partition.id", Integer.toString(result.partition()));
				span.tag("messaging.kafka.offset", Long.toString(result.offset()));
			}
			span.end();
		});
	}

	private static CompletableFuture<RecordMetadata> send(Producer<String, byte[]> producer,
			ProducerRecord<String, byte[]> record) {
		CompletableFuture<RecordMetadata> answer = new CompletableFuture<>();
		producer.send(record, (metadata, failure) -> {
			if (failure != null) {
				answer.completeExceptionally(failure);
			}
			else {
				answer.complete(metadata);
			}
		});
		return answer;
	}

	/** The producer's settings, which say who it is to Kafka. */
	Map<String, Object> producerConfiguration() {
		return this.producerConfiguration;
	}

	/**
	 * @param traceParent the {@code traceparent} to send instead of the stored one, or
	 * {@code null} to send the headers as stored
	 */
	private static ProducerRecord<String, byte[]> record(OutboxMessage message, String traceParent) {
		byte[] value = (message.payload() != null) ? message.payload().getBytes(StandardCharsets.UTF_8) : null;
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(message.topic(), message.key(), value);
		message.headers().forEach((name, headerValue) -> {
			String sent = (traceParent != null && name.equals(Traces.TRACEPARENT)) ? traceParent : headerValue;
			record.headers().add(new RecordHeader(name, sent.getBytes(StandardCharsets.UTF_8)));
		});
		return record;
	}

}
