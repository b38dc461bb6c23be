package org.syndication.notifier.benchmarks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The events and subscribers of the consumer benchmark, and what the notifier must make
 * of them, counted here independently of its SQL.
 * <p>
 * Events, as the publisher writes them: fresh publications of new articles in 1 to 3 of
 * {@value #CATEGORY_COUNT} categories, and, of the articles already published, edits (one
 * in ten events, a new version, other categories) and retractions (one in twenty, at most
 * once per article). Subscribers: confirmed and taking alerts, a few every category, the
 * others 1 to 3. A publication queues one alert per subscriber who takes every category
 * or one of the article's as it was published; a retraction cancels them, an edit changes
 * nothing in the queue. The same seed makes the same mix.
 */
final class ConsumerWorkload {

	static final int CATEGORY_COUNT = 50;

	private static final double ALL_CATEGORIES_SHARE = 0.01;

	private static final int INSERT_BATCH = 1000;

	private final Random random;

	private final List<ArticleEvent> events = new ArrayList<>();

	private final List<BitSet> subscribers = new ArrayList<>();

	private ConsumerWorkload(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * @param events how many events
	 * @param subscribers how many confirmed subscribers
	 * @param seed the same seed, the same mix
	 * @return the events and subscribers, not written anywhere yet
	 */
	static ConsumerWorkload generate(int events, int subscribers, long seed) {
		ConsumerWorkload workload = new ConsumerWorkload(seed);
		workload.generateEvents(events);
		for (int i = 0; i < subscribers; i++) {
			workload.subscribers.add((workload.random.nextDouble() < ALL_CATEGORIES_SHARE) ? null
					: workload.pick(1 + workload.random.nextInt(3)));
		}
		return workload;
	}

	private void generateEvents(int count) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<ArticleSnapshot> live = new ArrayList<>();
		int number = 0;
		while (this.events.size() < count) {
			double dice = this.random.nextDouble();
			if (dice < 0.10 && !live.isEmpty()) {
				ArticleSnapshot before = live.get(this.random.nextInt(live.size()));
				ArticleSnapshot edited = snapshot(before.id(), before.version() + 1, before.title() + " (edited)",
						before.contentHtml(), names(pick(1 + this.random.nextInt(3))), before.publishedAt());
				live.set(live.indexOf(before), edited);
				this.events.add(new ArticleEvent(UUID.randomUUID(), ArticleEventType.UPDATED, now, edited));
			}
			else if (dice < 0.15 && !live.isEmpty()) {
				ArticleSnapshot before = live.remove(this.random.nextInt(live.size()));
				ArticleSnapshot retracted = snapshot(before.id(), before.version() + 1, before.title(), null,
						before.categories(), before.publishedAt());
				this.events.add(new ArticleEvent(UUID.randomUUID(), ArticleEventType.RETRACTED, now, retracted));
			}
			else {
				ArticleSnapshot template = BenchmarkArticles.published(++number).article();
				ArticleSnapshot article = snapshot(template.id(), 1, template.title(), template.contentHtml(),
						names(pick(1 + this.random.nextInt(3))), now);
				live.add(article);
				this.events.add(new ArticleEvent(UUID.randomUUID(), ArticleEventType.PUBLISHED, now, article));
			}
		}
	}

	private static ArticleSnapshot snapshot(UUID id, long version, String title, String contentHtml,
			List<String> categories, Instant publishedAt) {
		return new ArticleSnapshot(id, version, title, "A summary of " + title, contentHtml,
				"http://localhost:8081/articles/" + id, List.of("Consumer Benchmark"), categories, "en", publishedAt,
				publishedAt, false, null);
	}

	private BitSet pick(int count) {
		BitSet picked = new BitSet(CATEGORY_COUNT);
		while (picked.cardinality() < count) {
			picked.set(this.random.nextInt(CATEGORY_COUNT));
		}
		return picked;
	}

	/**
	 * Named as a publisher might, in mixed case: the notifier matches them lower-cased.
	 */
	private static List<String> names(BitSet categories) {
		return categories.stream().mapToObj((category) -> "Topic-" + category).toList();
	}

	private static BitSet bits(List<String> categories) {
		BitSet bits = new BitSet(CATEGORY_COUNT);
		categories.forEach((name) -> bits.set(Integer.parseInt(name.substring("Topic-".length()))));
		return bits;
	}

	List<ArticleEvent> events() {
		return this.events;
	}

	/** Writes the subscribers straight into the notifier's tables. */
	void writeSubscribers(JdbcTemplate jdbc) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>(INSERT_BATCH);
		List<Object[]> categoryRows = new ArrayList<>();
		for (int i = 0; i < this.subscribers.size(); i++) {
			UUID id = UUID.randomUUID();
			String email = "consumer-%07d@benchmark.example".formatted(i);
			BitSet categories = this.subscribers.get(i);
			rows.add(new Object[] { id, email, email, categories == null, now, now, now });
			if (categories != null) {
				names(categories)
					.forEach((name) -> categoryRows.add(new Object[] { id, name.toLowerCase(Locale.ROOT) }));
			}
			if (rows.size() == INSERT_BATCH || i == this.subscribers.size() - 1) {
				jdbc.batchUpdate("""
						INSERT INTO subscriber (id, email, email_key, status, all_categories, generation, hard_bounces,
						requested_at, confirmed_at, changed_at) VALUES (?, ?, ?, 'CONFIRMED', ?, 1, 0, ?, ?, ?)""",
						rows);
				jdbc.batchUpdate("INSERT INTO subscriber_category (subscriber_id, category) VALUES (?, ?)",
						categoryRows);
				rows.clear();
				categoryRows.clear();
			}
		}
	}

	/** What applying every event must leave in the notifier's tables. */
	Expected expected() {
		int publications = 0;
		int updates = 0;
		int retractions = 0;
		long pending = 0;
		long cancelled = 0;
		Map<UUID, Long> alertsOf = new HashMap<>();
		for (ArticleEvent event : this.events) {
			switch (event.type()) {
				case PUBLISHED -> {
					publications++;
					long alerts = matching(bits(event.article().categories()));
					alertsOf.put(event.article().id(), alerts);
					pending += alerts;
				}
				case UPDATED -> updates++;
				case RETRACTED -> {
					retractions++;
					long alerts = alertsOf.get(event.article().id());
					pending -= alerts;
					cancelled += alerts;
				}
			}
		}
		long allCategories = this.subscribers.stream().filter((categories) -> categories == null).count();
		return new Expected(this.events.size(), publications, updates, retractions, this.subscribers.size(),
				allCategories, publications, pending, cancelled);
	}

	private long matching(BitSet articleCategories) {
		return this.subscribers.stream()
			.filter((categories) -> categories == null || categories.intersects(articleCategories))
			.count();
	}

	/**
	 * What the notifier must leave.
	 *
	 * @param events events on the topic
	 * @param publications of which publications
	 * @param updates of which edits
	 * @param retractions of which retractions
	 * @param subscribers confirmed subscribers taking alerts
	 * @param allCategories of which take every category
	 * @param articles rows of {@code article_alert}
	 * @param pendingAlerts alerts queued and not cancelled
	 * @param cancelledAlerts alerts queued, then cancelled by a retraction
	 */
	record Expected(int events, int publications, int updates, int retractions, int subscribers, long allCategories,
			int articles, long pendingAlerts, long cancelledAlerts) {

	}

}
