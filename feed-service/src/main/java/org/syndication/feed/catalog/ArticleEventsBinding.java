package org.syndication.feed.catalog;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventReader;
import org.syndication.events.ArticleSnapshot;
import org.syndication.feed.rendering.FeedItem;
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

	@Bean
	Consumer<Message<Object>> articles(FeedCatalog catalog, JsonMapper json) {
		ArticleEventReader reader = new ArticleEventReader(json,
				(eventId, type) -> logger.info("Skipping event {} of unknown type '{}'", eventId, type));
		return (message) -> {
			Object payload = message.getPayload();
			if (payload instanceof KafkaNull) {
				catalog.applyTombstone(UUID.fromString(key(message)));
			}
			else if (payload instanceof byte[] value) {
				reader.read(value).map(ArticleEventsBinding::change).ifPresent(catalog::apply);
			}
			else {
				throw new IllegalArgumentException("Unexpected payload type " + payload.getClass().getName());
			}
		};
	}

	/** An event in the catalog's terms: an edit is a publication of the newer version. */
	static ArticleChange change(ArticleEvent event) {
		ArticleSnapshot article = event.article();
		return switch (event.type()) {
			case PUBLISHED, UPDATED -> new ArticleChange.Revised(item(article), article.version(), event.occurredAt());
			case RETRACTED -> new ArticleChange.Retracted(article.id(), article.version(), event.occurredAt());
		};
	}

	private static FeedItem item(ArticleSnapshot article) {
		return new FeedItem(article.id(), article.title(), article.summary(), article.contentHtml(), article.url(),
				article.authors(), article.categories(), article.language(), article.publishedAt(),
				article.updatedAt());
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
