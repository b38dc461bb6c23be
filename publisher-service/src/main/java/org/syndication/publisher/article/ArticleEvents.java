package org.syndication.publisher.article;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventBinding;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleImage;
import org.syndication.events.ArticleSnapshot;
import org.syndication.publisher.outbox.Outbox;
import org.syndication.publisher.outbox.OutboxMessage;
import org.syndication.web.pipeline.Traces;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns article changes into events of the public contract, with their CloudEvents
 * headers ({@link ArticleEventBinding}), and appends them to the outbox in the caller's
 * transaction.
 */
@Component
class ArticleEvents {

	/**
	 * The largest event value written. Kafka refuses records over 1 MiB unless producer,
	 * broker and topic are all configured otherwise, and the relay stops at the first
	 * event it cannot send: an article whose event would not fit must be refused when it
	 * is written. This leaves room for the key, the headers and the batch around it.
	 */
	static final int MAX_EVENT_BYTES = 1_000_000;

	private final Outbox outbox;

	private final JsonMapper json;

	private final Traces traces;

	ArticleEvents(Outbox outbox, JsonMapper json, Traces traces) {
		this.outbox = outbox;
		this.json = json;
		this.traces = traces;
	}

	void published(Article article, Instant occurredAt) {
		emit(ArticleEventType.PUBLISHED, article, occurredAt);
	}

	void updated(Article article, Instant occurredAt) {
		emit(ArticleEventType.UPDATED, article, occurredAt);
	}

	void retracted(Article article, Instant occurredAt) {
		emit(ArticleEventType.RETRACTED, article, occurredAt);
		this.outbox
			.append(new OutboxMessage(ArticleEventHeaders.TOPIC, article.id().toString(), null, traced(Map.of())));
	}

	/**
	 * Refuses an article whose event would be larger than Kafka accepts, whatever its
	 * status, since a draft or a scheduled article is published later. Everything but the
	 * content is bounded to a few tens of kilobytes, so the content is at fault; its
	 * sanitized form can be several times longer than what was sent ({@code &} becomes
	 * {@code &amp;}).
	 * @param article the article about to be written
	 */
	void requireFits(Article article) {
		ArticleEvent event = new ArticleEvent(UUID.randomUUID(), ArticleEventType.UPDATED, article.updatedAt(),
				snapshot(article));
		if (this.json.writeValueAsBytes(event).length > MAX_EVENT_BYTES) {
			throw ArticleProblems.invalidField("contentHtml",
					"is too long once sanitized: the article's event would be larger than " + MAX_EVENT_BYTES
							+ " bytes");
		}
	}

	private void emit(ArticleEventType type, Article article, Instant occurredAt) {
		ArticleEvent event = new ArticleEvent(UUID.randomUUID(), type, occurredAt, snapshot(article));
		this.outbox.append(new OutboxMessage(ArticleEventHeaders.TOPIC, article.id().toString(),
				this.json.writeValueAsString(event), traced(ArticleEventBinding.headers(event))));
	}

	/**
	 * The headers with the trace the change is made in (the editor's request, a scheduled
	 * publication), kept with the outbox row so that the relay sends the event in it.
	 */
	private Map<String, String> traced(Map<String, String> headers) {
		String traceParent = this.traces.current();
		if (traceParent == null) {
			return headers;
		}
		Map<String, String> traced = new LinkedHashMap<>(headers);
		traced.put(Traces.TRACEPARENT, traceParent);
		return traced;
	}

	private static ArticleSnapshot snapshot(Article article) {
		return new ArticleSnapshot(article.id(), article.version(), article.title(), article.summary(),
				article.contentHtml(), article.url(), article.authors(), article.categories(), article.language(),
				article.publishedAt(), article.updatedAt(), article.breaking(), image(article.image()));
	}

	private static ArticleImage image(Image image) {
		return (image != null) ? new ArticleImage(image.url(), image.alt(), image.width(), image.height()) : null;
	}

}
