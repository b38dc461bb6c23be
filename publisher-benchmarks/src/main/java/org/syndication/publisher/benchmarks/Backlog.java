package org.syndication.publisher.benchmarks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventBinding;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;
import org.syndication.publisher.outbox.Outbox;
import org.syndication.publisher.outbox.OutboxMessage;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * A backlog of article events in the publisher's outbox, appended through its own
 * {@link Outbox} with the payload and CloudEvents headers ({@link ArticleEventBinding})
 * its article events carry: each article is published, then updated, and the articles'
 * events are interleaved, so that one article's events lie far apart in the outbox.
 */
final class Backlog {

	private static final int TRANSACTION_SIZE = 1000;

	private static final String CONTENT = ("<p>The council approved the budget for the new tram line on Tuesday, "
			+ "after a debate that lasted most of the night. <a href=\"https://example.org/tram\">The plan</a> "
			+ "adds twelve stops between the station and the university.</p>")
		.repeat(4);

	private final int articles;

	private final int eventsPerArticle;

	/**
	 * @param articles how many articles
	 * @param eventsPerArticle events of each: one published, the rest updated
	 */
	Backlog(int articles, int eventsPerArticle) {
		this.articles = articles;
		this.eventsPerArticle = eventsPerArticle;
	}

	int events() {
		return this.articles * this.eventsPerArticle;
	}

	int eventsPerArticle() {
		return this.eventsPerArticle;
	}

	/**
	 * Appends every event, a thousand to a transaction, as version 1, 2, ... of each
	 * article in turn.
	 */
	void appendTo(Outbox outbox, TransactionTemplate transactions, JsonMapper json) {
		UUID[] ids = new UUID[this.articles];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = UUID.randomUUID();
		}
		Instant published = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		int total = events();
		for (int first = 0; first < total; first += TRANSACTION_SIZE) {
			int from = first;
			int to = Math.min(total, first + TRANSACTION_SIZE);
			transactions.executeWithoutResult((status) -> {
				for (int n = from; n < to; n++) {
					int article = n % this.articles;
					long version = n / this.articles + 1;
					outbox.append(message(ids[article], article, version, published, json));
				}
			});
		}
	}

	private static OutboxMessage message(UUID id, int article, long version, Instant published, JsonMapper json) {
		Instant updated = published.plusSeconds(version);
		ArticleEventType type = (version == 1) ? ArticleEventType.PUBLISHED : ArticleEventType.UPDATED;
		ArticleSnapshot snapshot = new ArticleSnapshot(id, version, "Tram line approved, take " + article,
				"Twelve new stops between the station and the university.", CONTENT,
				"https://news.example.org/articles/" + id, List.of("A. Reporter"), List.of("city", "transport"), "en",
				published, updated, false, null);
		ArticleEvent event = new ArticleEvent(UUID.randomUUID(), type, updated, snapshot);
		return new OutboxMessage(ArticleEventHeaders.TOPIC, id.toString(), json.writeValueAsString(event),
				ArticleEventBinding.headers(event));
	}

}
