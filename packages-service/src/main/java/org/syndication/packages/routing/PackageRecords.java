package org.syndication.packages.routing;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleSnapshot;
import org.syndication.packages.definition.PackageDefinition;
import org.syndication.packages.ninjs.NinjsItems;
import org.syndication.packages.ninjs.NinjsVersion;

/**
 * The records a package's topic gets for an article, in the package's format.
 */
final class PackageRecords {

	private PackageRecords() {
	}

	static boolean matches(PackageDefinition definition, ArticleEvent event) {
		ArticleSnapshot article = event.article();
		return definition.matches(article.categories(), article.language(), article.authors());
	}

	/**
	 * The record of an event in a package.
	 * @param definition the package
	 * @param key the article's key
	 * @param event the event, read
	 * @param stored the event as it came: value, headers and timestamp
	 * @return the record
	 * @throws IllegalArgumentException if the package is in ninjs and the event makes no
	 * ninjs item
	 */
	static Record<String, Outbound> event(PackageDefinition definition, String key, ArticleEvent event,
			StoredEvent stored) {
		String topic = PackageTopics.of(definition.name());
		return switch (definition.format()) {
			case EVENTS -> new Record<>(key, new Outbound(topic, stored.value()), stored.timestamp(),
					new RecordHeaders(stored.headers().toArray()));
			case NINJS -> ninjs(topic, key, event, NinjsVersion.V3_1, stored.timestamp());
			case NINJS_2_2 -> ninjs(topic, key, event, NinjsVersion.V2_2, stored.timestamp());
		};
	}

	static Record<String, Outbound> tombstone(PackageDefinition definition, String key, long timestamp) {
		return new Record<>(key, new Outbound(PackageTopics.of(definition.name()), null), timestamp);
	}

	private static Record<String, Outbound> ninjs(String topic, String key, ArticleEvent event, NinjsVersion version,
			long timestamp) {
		// The item describes the article, not the change: the headers tell which event
		// made it, so that a partner can deduplicate as on the articles topic.
		Headers headers = new RecordHeaders();
		headers.add(ArticleEventHeaders.ID, utf8(event.eventId().toString()));
		headers.add(ArticleEventHeaders.TYPE, utf8(event.type().value()));
		headers.add(ArticleEventHeaders.CONTENT_TYPE, utf8(ArticleEventHeaders.CONTENT_TYPE_VALUE));
		return new Record<>(key, new Outbound(topic, NinjsItems.bytes(event, version)), timestamp, headers);
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
