package org.syndication.publisher.article;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;
import org.syndication.publisher.outbox.Outbox;
import org.syndication.publisher.outbox.OutboxMessage;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns article changes into events of the public contract, with their CloudEvents
 * headers, and appends them to the outbox in the caller's transaction.
 */
@Component
class ArticleEvents {

	private final Outbox outbox;

	private final JsonMapper json;

	ArticleEvents(Outbox outbox, JsonMapper json) {
		this.outbox = outbox;
		this.json = json;
	}

	void published(Article article, Instant occurredAt) {
		emit(ArticleEventType.PUBLISHED, article, occurredAt);
	}

	void updated(Article article, Instant occurredAt) {
		emit(ArticleEventType.UPDATED, article, occurredAt);
	}

	void retracted(Article article, Instant occurredAt) {
		emit(ArticleEventType.RETRACTED, article, occurredAt);
		this.outbox.append(OutboxMessage.tombstone(ArticleEventHeaders.TOPIC, article.id().toString()));
	}

	private void emit(ArticleEventType type, Article article, Instant occurredAt) {
		ArticleEvent event = new ArticleEvent(UUID.randomUUID(), type, occurredAt, snapshot(article));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(ArticleEventHeaders.SPEC_VERSION, ArticleEventHeaders.SPEC_VERSION_VALUE);
		headers.put(ArticleEventHeaders.ID, event.eventId().toString());
		headers.put(ArticleEventHeaders.TYPE, type.value());
		headers.put(ArticleEventHeaders.SOURCE, ArticleEventHeaders.SOURCE_VALUE);
		headers.put(ArticleEventHeaders.TIME, occurredAt.toString());
		headers.put(ArticleEventHeaders.CONTENT_TYPE, ArticleEventHeaders.CONTENT_TYPE_VALUE);
		this.outbox.append(new OutboxMessage(ArticleEventHeaders.TOPIC, article.id().toString(),
				this.json.writeValueAsString(event), headers));
	}

	private static ArticleSnapshot snapshot(Article article) {
		return new ArticleSnapshot(article.id(), article.version(), article.title(), article.summary(),
				article.contentHtml(), article.url(), article.authors(), article.categories(), article.language(),
				article.publishedAt(), article.updatedAt());
	}

}
