package org.syndication.packages.routing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A record that cannot be routed, as it goes to the dead-letter topic: its key, value and
 * headers, and headers that tell why and where from.
 */
final class DeadLetters {

	private DeadLetters() {
	}

	static Record<String, Outbound> of(String key, byte[] value, Headers headers, long timestamp,
			Optional<RecordMetadata> origin, Exception failure) {
		Headers letter = new RecordHeaders(headers.toArray());
		letter.add(PackageTopics.ERROR_HEADER, utf8(failure.getClass().getName() + ": " + failure.getMessage()));
		origin.ifPresent((metadata) -> letter.add(PackageTopics.ORIGIN_HEADER,
				utf8(metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset())));
		return new Record<>(key, new Outbound(PackageTopics.DEAD_LETTER_TOPIC, value), timestamp, letter);
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
