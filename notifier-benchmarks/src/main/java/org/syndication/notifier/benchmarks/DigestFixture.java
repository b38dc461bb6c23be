package org.syndication.notifier.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.syndication.events.ArticleSnapshot;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A day of a publication with many daily digest subscribers, written straight into the
 * notifier's tables as its alert and subscription services would leave them: confirmed
 * subscribers in several time zones whose digest window opened a day ago, some taking
 * every category and most one to three of twenty, the popular categories more often; and
 * a day's articles received since, each in one or two categories, so that some categories
 * have no article and their subscribers no digest. The same seed makes the same mix. It
 * counts, independently of the notifier's SQL, how many digests and digest items a run
 * must queue.
 */
final class DigestFixture {

	static final List<String> CATEGORIES = List.of("politics", "world", "business", "technology", "science", "sport",
			"culture", "health", "climate", "economy", "europe", "opinion", "local", "education", "travel", "food",
			"media", "law", "energy", "transport");

	/** The subscribers' zones, {@code null} for the notifier's own, with their shares. */
	private static final String[] ZONES = { null, null, null, null, "Europe/Berlin", "Europe/Berlin",
			"America/New_York", "America/New_York", "Europe/London", "Asia/Tokyo" };

	private static final double ALL_CATEGORIES_SHARE = 0.15;

	private static final int BATCH = 1000;

	private final JdbcTemplate jdbc;

	private final Random random;

	private final double[] cumulativeWeights;

	DigestFixture(JdbcTemplate jdbc, long seed) {
		this.jdbc = jdbc;
		this.random = new Random(seed);
		// Zipf-like: the first category is chosen twice as often as the second, and so
		// on.
		this.cumulativeWeights = new double[CATEGORIES.size()];
		double sum = 0;
		for (int i = 0; i < CATEGORIES.size(); i++) {
			sum += 1.0 / (i + 1);
			this.cumulativeWeights[i] = sum;
		}
	}

	/**
	 * Writes the articles, then the subscribers.
	 * @param subscribers confirmed daily subscribers
	 * @param articles articles received in the day
	 * @param now the end of the day
	 * @return what a digest run at {@code now} must queue
	 */
	Expected write(int subscribers, int articles, Instant now) {
		Instant since = now.minus(Duration.ofDays(1));
		BitSet[] articleCategories = writeArticles(articles, since, now.minus(Duration.ofMinutes(1)));
		return writeSubscribers(subscribers, since, now, articleCategories);
	}

	private BitSet[] writeArticles(int count, Instant from, Instant to) {
		BitSet[] categoriesOf = new BitSet[count];
		List<Object[]> rows = new ArrayList<>();
		List<Object[]> categoryRows = new ArrayList<>();
		long step = Duration.between(from, to).toMillis() / count;
		for (int i = 0; i < count; i++) {
			ArticleSnapshot article = BenchmarkArticles.published(i).article();
			OffsetDateTime received = utc(from.plusMillis(step * i + step / 2));
			rows.add(new Object[] { article.id(), article.title(), article.summary(), article.contentHtml(),
					article.url(), article.language(), received.minusSeconds(30), received });
			categoriesOf[i] = pick(1 + this.random.nextInt(2));
			categoriesOf[i].stream()
				.forEach((category) -> categoryRows.add(new Object[] { article.id(), CATEGORIES.get(category) }));
		}
		this.jdbc.batchUpdate(
				"""
						INSERT INTO article_alert (article_id, version, title, summary, content_html, url, language, published_at,
						retracted, received_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, FALSE, ?)""",
				rows);
		this.jdbc.batchUpdate("INSERT INTO article_category (article_id, category) VALUES (?, ?)", categoryRows);
		return categoriesOf;
	}

	private Expected writeSubscribers(int count, Instant since, Instant now, BitSet[] articleCategories) {
		OffsetDateTime joined = utc(since.minus(Duration.ofDays(30)));
		OffsetDateTime digestSince = utc(since);
		List<Object[]> rows = new ArrayList<>(BATCH);
		List<Object[]> categoryRows = new ArrayList<>(BATCH * 3);
		int allCategories = 0;
		int digests = 0;
		long items = 0;
		for (int i = 1; i <= count; i++) {
			UUID id = UUID.randomUUID();
			String email = "digest-%06d@digest.example".formatted(i);
			boolean all = this.random.nextDouble() < ALL_CATEGORIES_SHARE;
			String zone = ZONES[this.random.nextInt(ZONES.length)];
			rows.add(new Object[] { id, email, email, all, joined, joined, joined, zone, digestSince });
			int matching;
			if (all) {
				allCategories++;
				matching = articleCategories.length;
			}
			else {
				BitSet wanted = pick(1 + this.random.nextInt(3));
				wanted.stream().forEach((category) -> categoryRows.add(new Object[] { id, CATEGORIES.get(category) }));
				matching = 0;
				for (BitSet categories : articleCategories) {
					if (categories.intersects(wanted)) {
						matching++;
					}
				}
			}
			if (matching > 0) {
				digests++;
				items += matching;
			}
			if (rows.size() == BATCH || i == count) {
				this.jdbc.batchUpdate("""
						INSERT INTO subscriber (id, email, email_key, status, all_categories, generation, hard_bounces,
						requested_at, confirmed_at, changed_at, frequency, time_zone, digest_since)
						VALUES (?, ?, ?, 'CONFIRMED', ?, 1, 0, ?, ?, ?, 'daily', ?, ?)""", rows);
				this.jdbc.batchUpdate("INSERT INTO subscriber_category (subscriber_id, category) VALUES (?, ?)",
						categoryRows);
				rows.clear();
				categoryRows.clear();
			}
		}
		return new Expected(count, allCategories, articleCategories.length, digests, items);
	}

	/** Distinct categories, the popular ones more likely. */
	private BitSet pick(int count) {
		BitSet picked = new BitSet(CATEGORIES.size());
		double total = this.cumulativeWeights[this.cumulativeWeights.length - 1];
		while (picked.cardinality() < count) {
			double point = this.random.nextDouble() * total;
			int category = 0;
			while (this.cumulativeWeights[category] < point) {
				category++;
			}
			picked.set(category);
		}
		return picked;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * What was written, and what a run must queue.
	 *
	 * @param subscribers confirmed daily subscribers
	 * @param allCategories of which take every category
	 * @param articles articles in the window
	 * @param digests subscribers with at least one matching article: the digests to queue
	 * @param items the articles those digests list, summed
	 */
	record Expected(int subscribers, int allCategories, int articles, int digests, long items) {

	}

}
