package org.syndication.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records the CloudEvents SDK's Kafka binding writes carry the headers the contract
 * documents, byte for byte and in the documented order.
 */
class ArticleEventBindingTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void recordCarriesTheDocumentedHeadersInTheirOrderAndTheValueAsGiven() {
		ArticleEvent event = ArticleEvents.sample().published();
		byte[] value = this.json.writeValueAsBytes(event);

		ProducerRecord<String, byte[]> record = ArticleEventBinding.record(event, value);

		assertThat(record.topic()).isEqualTo("articles");
		assertThat(record.key()).isEqualTo("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
		assertThat(record.partition()).isNull();
		assertThat(record.timestamp()).isNull();
		assertThat(record.value()).isSameAs(value);
		assertThat(record.headers().toArray()).containsExactly(header("ce_specversion", "1.0"),
				header("ce_id", "3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b"), header("ce_type", "article.published"),
				header("ce_source", "/publisher-service"), header("ce_time", "2026-11-23T10:15:30Z"),
				header("content-type", "application/json"));
	}

	@ParameterizedTest
	@EnumSource(ArticleEventType.class)
	void typeHeaderIsTheEventsWireName(ArticleEventType type) {
		ArticleEvent event = ArticleEvents.article().event(type);

		assertThat(ArticleEventBinding.headers(event)).containsEntry("ce_type", type.value());
		assertThat(ArticleEventBinding.record(event, new byte[0]).headers().lastHeader("ce_type").value())
			.asString(StandardCharsets.UTF_8)
			.isEqualTo(type.value());
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-23T10:15:30Z", "2026-11-24T00:00:00Z", "1970-01-01T00:00:00Z",
			"2026-11-23T10:15:30.123Z", "2026-11-23T10:15:30.120Z", "2026-11-23T10:15:30.100Z",
			"2026-11-23T10:15:30.001Z", "2026-11-23T10:15:30.123456Z", "2026-11-23T10:15:30.123450Z",
			"2026-11-23T10:15:30.000100Z", "2026-11-23T10:15:30.123456789Z", "2026-11-23T10:15:30.123456780Z",
			"2026-11-23T10:15:30.000000001Z" })
	void timeHeaderIsOccurredAtAsTheValueWritesIt(String occurredAt) {
		ArticleEvent event = ArticleEvents.sample().occurredAt(Instant.parse(occurredAt)).updated();
		byte[] value = this.json.writeValueAsBytes(event);

		ProducerRecord<String, byte[]> record = ArticleEventBinding.record(event, value);

		String time = new String(record.headers().lastHeader("ce_time").value(), StandardCharsets.UTF_8);
		assertThat(time).isEqualTo(occurredAt)
			.isEqualTo(event.occurredAt().toString())
			.isEqualTo(this.json.readTree(value).get("occurredAt").asString());
		assertThat(ArticleEventBinding.headers(event)).containsEntry("ce_time", occurredAt);
	}

	@Test
	void headersAloneAreThoseOfTheRecordInTheSameOrder() {
		ArticleEvent event = ArticleEvents.article().occurredAt(Instant.parse("2026-11-23T10:15:30.120Z")).updated();

		Map<String, String> headers = ArticleEventBinding.headers(event);

		assertThat(headers).containsExactly(Map.entry("ce_specversion", "1.0"),
				Map.entry("ce_id", event.eventId().toString()), Map.entry("ce_type", "article.updated"),
				Map.entry("ce_source", "/publisher-service"), Map.entry("ce_time", "2026-11-23T10:15:30.120Z"),
				Map.entry("content-type", "application/json"));
		List<String> recordHeaders = List.of(ArticleEventBinding.record(event, new byte[0]).headers().toArray())
			.stream()
			.map((header) -> header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8))
			.toList();
		assertThat(headers.entrySet()).extracting((entry) -> entry.getKey() + "=" + entry.getValue())
			.containsExactlyElementsOf(recordHeaders);
	}

	@Test
	void theSdksKafkaBindingReadsTheRecordBackAsTheEvent() {
		ArticleEvent event = ArticleEvents.sample()
			.occurredAt(Instant.parse("2026-11-23T10:15:30.123456789Z"))
			.inJapanese()
			.updated();
		byte[] value = this.json.writeValueAsBytes(event);
		ProducerRecord<String, byte[]> record = ArticleEventBinding.record(event, value);

		CloudEvent read = KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();

		assertThat(read.getSpecVersion().toString()).isEqualTo(ArticleEventHeaders.SPEC_VERSION_VALUE);
		assertThat(read.getId()).isEqualTo(event.eventId().toString());
		assertThat(read.getType()).isEqualTo(event.type().value());
		assertThat(read.getSource()).isEqualTo(URI.create(ArticleEventHeaders.SOURCE_VALUE));
		assertThat(read.getTime().toInstant()).isEqualTo(event.occurredAt());
		assertThat(read.getDataContentType()).isEqualTo(ArticleEventHeaders.CONTENT_TYPE_VALUE);
		assertThat(read.getData().toBytes()).isEqualTo(value);
		assertThat(read.getExtensionNames()).isEmpty();
		assertThat(this.json.readValue(read.getData().toBytes(), ArticleEvent.class)).isEqualTo(event);
	}

	private static Header header(String name, String value) {
		return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
