package org.syndication.publisher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.syndication.events.ArticleEventHeaders;

/**
 * Reads the {@code articles} topic as a partner would, with a plain Kafka consumer from
 * offset 0, and keeps everything it has seen.
 */
public final class TopicReader implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<Received> received = new ArrayList<>();

	public TopicReader(String bootstrapServers) {
		this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
				"test-partner-" + UUID.randomUUID()));
	}

	/**
	 * @param clientConfig the connection, credentials and consumer group of the reader
	 */
	public TopicReader(Map<String, Object> clientConfig) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		this.consumer.subscribe(List.of(ArticleEventHeaders.TOPIC));
	}

	/** Polls once and returns every record seen so far. */
	public synchronized List<Received> poll() {
		for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
			Map<String, String> headers = new LinkedHashMap<>();
			for (Header header : record.headers()) {
				headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
			}
			String value = (record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : null;
			this.received.add(new Received(record.partition(), record.offset(), record.key(), value, headers));
		}
		return List.copyOf(this.received);
	}

	/** Polls once and returns the records seen so far for one key. */
	public List<Received> poll(Object key) {
		return poll().stream().filter((record) -> record.key().equals(key.toString())).toList();
	}

	@Override
	public void close() {
		this.consumer.close();
	}

	/** A record as a partner sees it. */
	public record Received(int partition, long offset, String key, String value, Map<String, String> headers) {

		public boolean isTombstone() {
			return this.value == null;
		}

	}

}
