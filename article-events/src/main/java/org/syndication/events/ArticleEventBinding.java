package org.syndication.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.CloudEventUtils;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageWriter;
import io.cloudevents.core.v1.CloudEventV1;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventContextWriter;
import io.cloudevents.rw.CloudEventWriter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * An {@link ArticleEvent} as a record of the {@value ArticleEventHeaders#TOPIC} topic: a
 * CloudEvents 1.0 event in the binary mode of the Kafka protocol binding, its headers
 * written by the CloudEvents SDK ({@code io.cloudevents:cloudevents-kafka}). The
 * publisher, and the test fixtures and benchmarks that write what it writes, encode
 * through here, so that there is one encoding.
 * <p>
 * It lives in the contract because the headers are part of the contract
 * ({@link ArticleEventHeaders}, the AsyncAPI document), and because the writers that must
 * write them exactly as the publisher does are not all in the publisher: the shared test
 * fixtures write the topic for every consumer's tests, and they cannot depend on the
 * publisher, whose tests depend on them. Like {@link ArticleEventReader}, it needs
 * dependencies that are optional here ({@code io.cloudevents:cloudevents-kafka} and
 * {@code org.apache.kafka:kafka-clients}), so that partners who only read get the records
 * and nothing more.
 * <p>
 * The bytes are the contract's, as they were before the SDK wrote them: the headers in
 * the order {@code ce_specversion}, {@code ce_id}, {@code ce_type}, {@code ce_source},
 * {@code ce_time}, {@code content-type}; and {@code ce_time} exactly as
 * {@code occurredAt} is written in the value, {@link java.time.Instant#toString()} (RFC
 * 3339 in UTC, with fractions of a second in groups of three digits: {@code .120}, never
 * {@code .12}). The SDK would write the time with {@code ISO_OFFSET_DATE_TIME}, which
 * drops trailing zeros, and the attributes in its own order, so they reach the binding
 * through {@link ContractAttributes}.
 */
public final class ArticleEventBinding {

	private static final URI SOURCE = URI.create(ArticleEventHeaders.SOURCE_VALUE);

	private ArticleEventBinding() {
	}

	/**
	 * The record of an event.
	 * @param event the event
	 * @param value the event as the value is written, UTF-8 JSON
	 * @return the record for the topic: keyed by article, with the CloudEvents headers
	 */
	public static ProducerRecord<String, byte[]> record(ArticleEvent event, byte[] value) {
		return write(event, value);
	}

	/**
	 * The headers of an event's record, for a producer that keeps them to send the record
	 * later (the publisher's outbox).
	 * @param event the event
	 * @return header names and UTF-8 values, in the order they are sent
	 */
	public static Map<String, String> headers(ArticleEvent event) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : write(event, null).headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return headers;
	}

	/**
	 * @param value the data, or {@code null} for the headers alone
	 */
	private static ProducerRecord<String, byte[]> write(ArticleEvent event, byte[] value) {
		CloudEventBuilder builder = CloudEventBuilder.v1()
			.withId(event.eventId().toString())
			.withType(event.type().value())
			.withSource(SOURCE)
			.withTime(event.occurredAt().atOffset(ZoneOffset.UTC));
		CloudEvent cloudEvent = (value != null)
				? builder.withData(ArticleEventHeaders.CONTENT_TYPE_VALUE, value).build()
				: builder.withDataContentType(ArticleEventHeaders.CONTENT_TYPE_VALUE).build();
		MessageWriter<CloudEventWriter<ProducerRecord<String, byte[]>>, ProducerRecord<String, byte[]>> binding = KafkaMessageFactory
			.createWriter(ArticleEventHeaders.TOPIC, event.article().id().toString());
		// What binding.writeBinary(cloudEvent) does, with the contract's order and time.
		return CloudEventUtils.toReader(cloudEvent)
			.read((version) -> new ContractAttributes<>(binding.create(version)));
	}

	/**
	 * Hands the context attributes on to the binding's writer in the contract's order,
	 * the time as {@link java.time.Instant#toString()} writes it. The binding names the
	 * headers and writes the spec version first, when it is created.
	 */
	private static final class ContractAttributes<R> implements CloudEventWriter<R> {

		private static final List<String> ORDER = List.of(CloudEventV1.ID, CloudEventV1.TYPE, CloudEventV1.SOURCE,
				CloudEventV1.TIME, CloudEventV1.DATACONTENTTYPE);

		private final CloudEventWriter<R> binding;

		private final Map<String, String> attributes = new LinkedHashMap<>();

		private ContractAttributes(CloudEventWriter<R> binding) {
			this.binding = binding;
		}

		@Override
		public CloudEventContextWriter withContextAttribute(String name, String value) {
			this.attributes.put(name, value);
			return this;
		}

		@Override
		public CloudEventContextWriter withContextAttribute(String name, OffsetDateTime value) {
			return withContextAttribute(name, value.toInstant().toString());
		}

		@Override
		public R end(CloudEventData data) {
			handOn();
			return this.binding.end(data);
		}

		@Override
		public R end() {
			handOn();
			return this.binding.end();
		}

		private void handOn() {
			for (String name : ORDER) {
				String value = this.attributes.remove(name);
				if (value != null) {
					this.binding.withContextAttribute(name, value);
				}
			}
			this.attributes.forEach(this.binding::withContextAttribute);
		}

	}

}
