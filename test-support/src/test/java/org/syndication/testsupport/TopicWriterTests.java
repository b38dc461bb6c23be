package org.syndication.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEvents;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TopicWriterTests {

	private static EmbeddedKafkaBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 3, ArticleEventHeaders.TOPIC);
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void sendAllWritesEveryEventAsThePublisherDoes() {
		List<ArticleEvent> events = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			events.add(ArticleEvents.article().title("Article " + i).published());
		}

		TopicWriter.sendAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), events);

		List<String> keys = events.stream().map((event) -> event.article().id().toString()).toList();
		List<ConsumerRecord<String, String>> written = readAll(keys);
		assertThat(written).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys);
		assertThat(written).allSatisfy((record) -> {
			assertThat(record.value()).contains("\"type\":\"article.published\"");
			assertThat(record.headers().lastHeader(ArticleEventHeaders.ID)).isNotNull();
			assertThat(record.headers().lastHeader(ArticleEventHeaders.TYPE).value()).asString(StandardCharsets.UTF_8)
				.isEqualTo("article.published");
		});
	}

	@Test
	void sentRecordCarriesTheEventsCloudEventsHeadersInTheirOrder() {
		ArticleEvent event = ArticleEvents.article().occurredAt(Instant.parse("2026-11-23T10:15:30.120Z")).updated();

		try (TopicWriter writer = new TopicWriter(broker.getBrokersAsString())) {
			writer.send(event);
		}

		ConsumerRecord<String, String> record = readAll(List.of(event.article().id().toString())).get(0);
		Map<String, String> headers = new LinkedHashMap<>();
		record.headers()
			.forEach((header) -> headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
		assertThat(headers).containsExactly(Map.entry("ce_specversion", "1.0"),
				Map.entry("ce_id", event.eventId().toString()), Map.entry("ce_type", "article.updated"),
				Map.entry("ce_source", "/publisher-service"), Map.entry("ce_time", "2026-11-23T10:15:30.120Z"),
				Map.entry("content-type", "application/json"));
	}

	@Test
	void sendAllInTracesGivesEachRecordASampledTraceOfItsOwn() {
		List<ArticleEvent> events = List.of(ArticleEvents.article().published(), ArticleEvents.article().published());

		TopicWriter.sendAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), events, true);

		List<String> keys = events.stream().map((event) -> event.article().id().toString()).toList();
		List<ConsumerRecord<String, String>> written = readAll(keys);
		assertThat(written)
			.extracting(
					(record) -> new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
			.containsExactlyInAnyOrder(TraceParents.of(events.get(0).eventId()),
					TraceParents.of(events.get(1).eventId()))
			.allSatisfy((traceParent) -> assertThat(traceParent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"))
			.doesNotHaveDuplicates();
	}

	@Test
	void sendAllFailsWhenAnEventIsRefused() {
		List<ArticleEvent> events = List.of(ArticleEvents.article().published(),
				ArticleEvents.article().contentHtml("<p>" + "x".repeat(5000) + "</p>").published());

		assertThatIllegalStateException()
			.isThrownBy(() -> TopicWriter.sendAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
					broker.getBrokersAsString(), ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4000), events))
			.withCauseInstanceOf(RecordTooLargeException.class);
	}

	/** The records of these keys, among what other tests wrote. */
	private static List<ConsumerRecord<String, String>> readAll(List<String> keys) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(ArticleEventHeaders.TOPIC));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.size() < keys.size() && System.nanoTime() - deadline < 0) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (keys.contains(record.key())) {
						records.add(record);
					}
				});
			}
			return records;
		}
	}

}
