package org.syndication.publisher.outbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record to be sent to Kafka once the transaction that wrote it commits.
 *
 * @param topic the destination topic
 * @param key the record key
 * @param payload the UTF-8 value, or {@code null} for a tombstone
 * @param headers header names and values, in the order they are sent
 */
public record OutboxMessage(String topic, String key, String payload, Map<String, String> headers) {

	public OutboxMessage {
		headers = (headers != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(headers)) : Map.of();
	}

	/**
	 * A tombstone: a record with no value, which tells a compacted topic to forget the
	 * key.
	 * @param topic the destination topic
	 * @param key the key to forget
	 * @return the message
	 */
	public static OutboxMessage tombstone(String topic, String key) {
		return new OutboxMessage(topic, key, null, Map.of());
	}

}
