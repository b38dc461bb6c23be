package org.syndication.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes to the {@code articles} topic what the publisher writes: the event JSON with its
 * CloudEvents headers, tombstones, and, for the poison tests, anything else.
 */
public final class TopicWriter implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer;

	private final JsonMapper json = JsonMapper.builder().build();

	public TopicWriter(String bootstrapServers) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer());
	}

	public void send(ArticleEvent event) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(ArticleEventHeaders.TOPIC,
				event.article().id().toString(), this.json.writeValueAsBytes(event));
		header(record, ArticleEventHeaders.SPEC_VERSION, ArticleEventHeaders.SPEC_VERSION_VALUE);
		header(record, ArticleEventHeaders.ID, event.eventId().toString());
		header(record, ArticleEventHeaders.TYPE, event.type().value());
		header(record, ArticleEventHeaders.SOURCE, ArticleEventHeaders.SOURCE_VALUE);
		header(record, ArticleEventHeaders.TIME, event.occurredAt().toString());
		header(record, ArticleEventHeaders.CONTENT_TYPE, ArticleEventHeaders.CONTENT_TYPE_VALUE);
		send(record);
	}

	public void tombstone(UUID articleId) {
		send(new ProducerRecord<>(ArticleEventHeaders.TOPIC, articleId.toString(), null));
	}

	public void raw(String key, String value) {
		send(new ProducerRecord<>(ArticleEventHeaders.TOPIC, key, value.getBytes(StandardCharsets.UTF_8)));
	}

	private void send(ProducerRecord<String, byte[]> record) {
		try {
			this.producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send to Kafka", ex);
		}
	}

	private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
