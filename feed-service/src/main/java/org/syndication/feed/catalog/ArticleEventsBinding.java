package org.syndication.feed.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * The edge to the {@code articles} topic: turns a record into the catalog's terms and
 * nothing more. Destination, group, retries and the dead-letter topic are in
 * {@code application.yml}. A record that cannot be read throws, so that after the
 * configured retries it goes to the dead-letter topic with the reason in its headers.
 */
@Configuration(proxyBeanMethods = false)
class ArticleEventsBinding {

	private static final Logger logger = LoggerFactory.getLogger(ArticleEventsBinding.class);

	private static final Set<String> KNOWN_TYPES = Set.of("article.published", "article.updated", "article.retracted");

	@Bean
	Consumer<Message<Object>> articles(FeedCatalog catalog, JsonMapper json) {
		return (message) -> {
			Object payload = message.getPayload();
			if (payload instanceof KafkaNull) {
				catalog.applyTombstone(UUID.fromString(key(message)));
				return;
			}
			if (!(payload instanceof byte[] bytes)) {
				throw new IllegalArgumentException("Unexpected payload type " + payload.getClass().getName());
			}
			JsonNode tree = json.readTree(bytes);
			if (!tree.isObject() || !tree.path("type").isString()) {
				throw new IllegalArgumentException("Not an article event: no type");
			}
			String type = tree.path("type").asString();
			if (!KNOWN_TYPES.contains(type)) {
				// A newer producer may add event types; this consumer only knows these
				// three.
				logger.info("Skipping event {} of unknown type '{}'", tree.path("eventId").asString(""), type);
				return;
			}
			ArticleEvent event = json.treeToValue(tree, ArticleEvent.class);
			if (event.eventId() == null || event.article() == null || event.article().id() == null) {
				throw new IllegalArgumentException("Event without eventId or article id");
			}
			catalog.apply(event);
		};
	}

	private static String key(Message<?> message) {
		Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
		if (key instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		if (key == null) {
			throw new IllegalArgumentException("Tombstone without a key");
		}
		return key.toString();
	}

}
