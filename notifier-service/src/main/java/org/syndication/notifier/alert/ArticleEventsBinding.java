package org.syndication.notifier.alert;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventReader;
import org.syndication.events.ArticleSnapshot;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * The edge to the {@code articles} topic: turns each event into the alert service's
 * terms. It only records what must be sent; mail goes out from
 * {@code DeliveryDispatcher}, so a slow or absent SMTP server never holds the consumer
 * past {@code max.poll.interval.ms}. Destination, group, retries and the dead-letter
 * topic are in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class ArticleEventsBinding {

	private static final Logger logger = LoggerFactory.getLogger(ArticleEventsBinding.class);

	@Bean
	Consumer<Message<Object>> articles(AlertService alerts, JsonMapper json) {
		ArticleEventReader reader = new ArticleEventReader(json,
				(eventId, type) -> logger.info("Skipping event {} of unknown type '{}'", eventId, type));
		return (message) -> {
			Object payload = message.getPayload();
			if (payload instanceof byte[] value) {
				reader.read(value).ifPresent((event) -> apply(event, alerts));
			}
			// A tombstone asks for nothing that the retraction event before it did not
			// do.
			else if (!(payload instanceof KafkaNull)) {
				throw new IllegalArgumentException("Unexpected payload type " + payload.getClass().getName());
			}
		};
	}

	private static void apply(ArticleEvent event, AlertService alerts) {
		// Old news raises no alert, and only the times tell what is old.
		if (event.occurredAt() == null || event.article().publishedAt() == null) {
			throw new IllegalArgumentException("Event without occurredAt or publishedAt");
		}
		Article article = article(event.article());
		switch (event.type()) {
			case PUBLISHED -> alerts.published(article, event.occurredAt());
			case UPDATED -> alerts.updated(article);
			case RETRACTED -> alerts.retracted(article);
		}
	}

	private static Article article(ArticleSnapshot article) {
		return new Article(article.id(), article.version(), article.title(), article.summary(), article.contentHtml(),
				article.url(), article.language(), article.categories(), article.publishedAt(), article.breaking());
	}

}
