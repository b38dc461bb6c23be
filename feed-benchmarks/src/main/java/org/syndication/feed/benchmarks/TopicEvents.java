package org.syndication.feed.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;

/**
 * A topic's worth of events as the publisher writes them: mostly publications of new
 * articles with 2 to 4 KB of HTML, 1 to 3 of 1,000 categories and 1 or 2 authors, and
 * among them edits (one in ten) and retractions (one in twenty) of articles published
 * earlier. Seeded, so two runs write the same events.
 */
final class TopicEvents {

	static final int CATEGORIES = 1000;

	private static final String[] AUTHORS = { "Ada Lovelace", "Zoë Müller", "山田 太郎", "Jean-Luc Dupont", "Priya Raman",
			"Grace Hopper", "Kwame Mensah", "Olga Petrova", "Mateo García", "Aoife Byrne" };

	private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

	private final List<ArticleEvent> events;

	private final int articles;

	private final int live;

	private TopicEvents(List<ArticleEvent> events, int articles, int live) {
		this.events = events;
		this.articles = articles;
		this.live = live;
	}

	/**
	 * @param count how many events in all
	 * @param seed the seed of the choices
	 */
	static TopicEvents generate(int count, long seed) {
		Random random = new Random(seed);
		List<ArticleEvent> events = new ArrayList<>(count);
		List<ArticleSnapshot> current = new ArrayList<>();
		int retracted = 0;
		for (int i = 0; i < count; i++) {
			Instant at = START.plus(Duration.ofSeconds(i));
			int roll = random.nextInt(20);
			int earlier = current.isEmpty() ? -1 : random.nextInt(current.size());
			ArticleSnapshot before = (earlier >= 0) ? current.get(earlier) : null;
			if (before != null && before.version() > 0 && roll < 2) {
				ArticleSnapshot edited = snapshot(before.id(), before.version() + 1, i, random, before.publishedAt(),
						at);
				current.set(earlier, edited);
				events.add(event(ArticleEventType.UPDATED, edited, at));
			}
			else if (before != null && before.version() > 0 && roll == 2) {
				ArticleSnapshot gone = snapshot(before.id(), before.version() + 1, i, random, before.publishedAt(), at);
				// A negative version marks it retracted; no later event touches it again.
				current.set(earlier, withVersion(gone, -1));
				events.add(event(ArticleEventType.RETRACTED, gone, at));
				retracted++;
			}
			else {
				ArticleSnapshot article = snapshot(UUID.nameUUIDFromBytes(("article-" + seed + "-" + i).getBytes()), 1,
						i, random, at, at);
				current.add(article);
				events.add(event(ArticleEventType.PUBLISHED, article, at));
			}
		}
		return new TopicEvents(List.copyOf(events), current.size(), current.size() - retracted);
	}

	List<ArticleEvent> events() {
		return this.events;
	}

	/** How many articles the events name: the rows the catalog must end with. */
	int articles() {
		return this.articles;
	}

	/** How many of them are not retracted at the end. */
	int live() {
		return this.live;
	}

	private static ArticleEvent event(ArticleEventType type, ArticleSnapshot article, Instant at) {
		return new ArticleEvent(
				UUID.nameUUIDFromBytes((type + "-" + article.id() + "-" + article.version()).getBytes()), type, at,
				article);
	}

	private static ArticleSnapshot withVersion(ArticleSnapshot article, long version) {
		return new ArticleSnapshot(article.id(), version, article.title(), article.summary(), article.contentHtml(),
				article.url(), article.authors(), article.categories(), article.language(), article.publishedAt(),
				article.updatedAt(), article.breaking(), article.image());
	}

	private static ArticleSnapshot snapshot(UUID id, long version, int index, Random random, Instant publishedAt,
			Instant updatedAt) {
		List<String> categories = new ArrayList<>();
		int categoryCount = 1 + random.nextInt(3);
		while (categories.size() < categoryCount) {
			String category = "Category " + random.nextInt(CATEGORIES);
			if (!categories.contains(category)) {
				categories.add(category);
			}
		}
		List<String> authors = new ArrayList<>();
		authors.add(AUTHORS[random.nextInt(AUTHORS.length)]);
		if (random.nextBoolean()) {
			String second = AUTHORS[random.nextInt(AUTHORS.length)];
			if (!authors.contains(second)) {
				authors.add(second);
			}
		}
		StringBuilder html = new StringBuilder();
		int paragraphs = 5 + random.nextInt(6);
		for (int p = 0; p < paragraphs; p++) {
			html.append(BenchmarkFeeds.PARAGRAPH.formatted(index * 10 + p));
		}
		return new ArticleSnapshot(id, version, "Article " + index + ", version " + version,
				"What happened, who decided it, and what changes next week. Part " + index + ".", html.toString(),
				"https://news.example.org/articles/" + id, authors, categories, "en", publishedAt, updatedAt, false,
				null);
	}

}
