package org.syndication.notifier.alert;

import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * The edge to the {@code articles} topic. It only records what must be sent; mail goes
 * out from {@code DeliveryDispatcher}, so a slow or absent SMTP server never holds the
 * consumer past {@code max.poll.interval.ms}. Destination, group, retries and the
 * dead-letter topic are in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class ArticleEventsBinding {

	private static final Logger logger = LoggerFactory.getLogger(ArticleEventsBinding.class);

	private static final Set<String> KNOWN_TYPES = Set.of("article.published", "article.updated", "article.retracted");

	@Bean
	Consumer<Message<Object>> articles(AlertService alerts, JsonMapper json) {
		return (message) -> {
			Object payload = message.getPayload();
			if (payload instanceof KafkaNull) {
				// The retraction event before it already did what a tombstone asks.
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
				logger.info("Skipping event {} of unknown type '{}'", tree.path("eventId").asString(""), type);
				return;
			}
			ArticleEvent event = json.treeToValue(tree, ArticleEvent.class);
			if (event.eventId() == null || event.article() == null || event.article().id() == null
					|| event.occurredAt() == null || event.article().publishedAt() == null) {
				throw new IllegalArgumentException("Event without eventId, times or article id");
			}
			alerts.apply(event);
		};
	}

}
