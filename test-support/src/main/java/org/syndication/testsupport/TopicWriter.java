package org.syndication.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventBinding;
import org.syndication.events.ArticleEventHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes to the {@code articles} topic what the publisher writes: the event JSON with its
 * CloudEvents headers, tombstones, and, for the poison tests, anything else. One at a
 * time, each confirmed before the next, for the tests; or a whole workload at once
 * ({@link #sendAll}), for the benchmarks.
 */
public final class TopicWriter implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaProducer<String, byte[]> producer;

	public TopicWriter(String bootstrapServers) {
		this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

	/**
	 * @param clientConfig the broker's address and the writer's credentials
	 */
	public TopicWriter(Map<String, Object> clientConfig) {
		this.producer = producer(clientConfig);
	}

	/**
	 * Writes the events as the publisher does, sent without waiting for each and flushed
	 * at the end; fails if the broker refused any of them.
	 * @param clientConfig the broker's address and the writer's credentials
	 * @param events what to write, in this order
	 */
	public static void sendAll(Map<String, Object> clientConfig, List<ArticleEvent> events) {
		sendAll(clientConfig, events, false);
	}

	/**
	 * Writes the events as {@link #sendAll(Map, List)} does, each in a trace of its own
	 * when {@code traced}, as a publisher that traces every request writes them.
	 * @param clientConfig the broker's address and the writer's credentials
	 * @param events what to write, in this order
	 * @param traced whether each record carries a sampled {@code traceparent}
	 * ({@link TraceParents#of})
	 */
	public static void sendAll(Map<String, Object> clientConfig, List<ArticleEvent> events, boolean traced) {
		AtomicReference<Exception> failure = new AtomicReference<>();
		try (KafkaProducer<String, byte[]> producer = producer(clientConfig)) {
			for (ArticleEvent event : events) {
				ProducerRecord<String, byte[]> record = record(event);
				if (traced) {
					header(record, "traceparent", TraceParents.of(event.eventId()));
				}
				producer.send(record, (metadata, exception) -> {
					if (exception != null) {
						failure.compareAndSet(null, exception);
					}
				});
			}
			producer.flush();
		}
		if (failure.get() != null) {
			throw new IllegalStateException("Could not write every event", failure.get());
		}
	}

	public void send(ArticleEvent event) {
		send(record(event));
	}

	/**
	 * Sends an event in a trace, as the publisher does when it is traced.
	 * @param traceParent the record's {@code traceparent} header, sent as it is given
	 */
	public void send(ArticleEvent event, String traceParent) {
		ProducerRecord<String, byte[]> record = record(event);
		header(record, "traceparent", traceParent);
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

	private static KafkaProducer<String, byte[]> producer(Map<String, Object> clientConfig) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	/**
	 * An event as the publisher writes it ({@link ArticleEventBinding}), for a benchmark
	 * that sends it its own way (in transactions, say).
	 * @param event the event
	 * @return the record for the articles topic: keyed by article, with the CloudEvents
	 * headers
	 */
	public static ProducerRecord<String, byte[]> record(ArticleEvent event) {
		return ArticleEventBinding.record(event, JSON.writeValueAsBytes(event));
	}

	private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
