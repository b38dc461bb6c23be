package org.syndication.packages.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;
import org.syndication.packages.definition.PackageDefinition;

/**
 * The records of the articles topic the routing benchmark starts from, as the publisher
 * writes them: each article published, then edited a few times (some edits move it into
 * other packages), some retracted (the retraction, then a tombstone), the articles'
 * records interleaved at random. The same seed makes the same backlog.
 * <p>
 * Every version of an article meets the rules of 0 to 3 of the {@link BenchmarkPackages}:
 * an article drawn into more is drawn again. What each package's topic must hold after
 * routing is worked out as the records are made ({@link #expected()}).
 */
final class ArticleBacklog {

	private static final String CONTENT = ("<p>The council approved the budget for the new tram line on Tuesday, "
			+ "after a debate that lasted most of the night. <a href=\"https://example.org/tram\">The plan</a> "
			+ "adds twelve stops between the station and the university.</p>")
		.repeat(4);

	static final int MAX_PACKAGES = 3;

	private final List<Entry> entries;

	private final ExpectedRecords expected;

	private final Counts counts;

	private ArticleBacklog(List<Entry> entries, ExpectedRecords expected, Counts counts) {
		this.entries = entries;
		this.expected = expected;
		this.counts = counts;
	}

	/**
	 * Makes a backlog.
	 * @param records how many records, tombstones included
	 * @param seed the seed of every random choice
	 * @param start when the first record happened; each next one a millisecond later
	 * @return the backlog
	 */
	static ArticleBacklog generate(int records, long seed, Instant start) {
		Random random = new Random(seed);
		List<PackageDefinition> definitions = BenchmarkPackages.definitions();
		List<List<ArticleVersions.Version>> articles = new ArrayList<>();
		int planned = 0;
		while (planned < records) {
			List<ArticleVersions.Version> versions = ArticleVersions.of(random, definitions);
			if (planned + versions.size() > records) {
				versions = versions.subList(0, records - planned);
			}
			articles.add(versions);
			planned += versions.size();
		}
		// Each article's records in order, the articles' records shuffled among each
		// other.
		int[] slots = new int[records];
		int slot = 0;
		for (int article = 0; article < articles.size(); article++) {
			for (int i = 0; i < articles.get(article).size(); i++) {
				slots[slot++] = article;
			}
		}
		for (int i = slots.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = slots[i];
			slots[i] = slots[j];
			slots[j] = swap;
		}
		UUID[] ids = new UUID[articles.size()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = new UUID(random.nextLong(), random.nextLong());
		}
		int[] next = new int[articles.size()];
		Instant[] published = new Instant[articles.size()];
		ExpectedRecords expected = new ExpectedRecords(BenchmarkPackages.names());
		Counts counts = new Counts(articles.size());
		List<Entry> entries = new ArrayList<>(records);
		for (int i = 0; i < slots.length; i++) {
			int article = slots[i];
			ArticleVersions.Version version = articles.get(article).get(next[article]++);
			UUID id = ids[article];
			String key = id.toString();
			Instant occurredAt = start.plusMillis(i);
			if (version.type() == null) {
				entries.add(new Entry(key, null));
				expected.removed(key);
				counts.tombstones++;
				continue;
			}
			if (published[article] == null) {
				published[article] = occurredAt;
			}
			ArticleSnapshot snapshot = new ArticleSnapshot(id, version.number(), "Tram line approved, take " + article,
					"Twelve new stops between the station and the university.", CONTENT,
					"https://news.example.org/articles/" + id, version.authors(), version.categories(),
					version.language(), published[article], occurredAt, false);
			ArticleEvent event = new ArticleEvent(new UUID(random.nextLong(), random.nextLong()), version.type(),
					occurredAt, snapshot);
			entries.add(new Entry(key, event));
			String eventId = event.eventId().toString();
			switch (version.type()) {
				case PUBLISHED, UPDATED -> {
					expected.changed(key, eventId, version.packages());
					counts.byPackageCount[version.packages().size()]++;
					if (version.type() == ArticleEventType.PUBLISHED) {
						counts.published++;
					}
					else {
						counts.updated++;
					}
				}
				case RETRACTED -> {
					expected.retracted(key, eventId);
					counts.retracted++;
				}
			}
		}
		return new ArticleBacklog(entries, expected, counts);
	}

	List<Entry> entries() {
		return this.entries;
	}

	ExpectedRecords expected() {
		return this.expected;
	}

	Counts counts() {
		return this.counts;
	}

	/**
	 * A record of the articles topic.
	 *
	 * @param key the article's id
	 * @param event the event, or {@code null} for a tombstone
	 */
	record Entry(String key, ArticleEvent event) {

	}

	/** What the backlog holds. */
	static final class Counts {

		final int articles;

		int published;

		int updated;

		int retracted;

		int tombstones;

		/** Publications and edits, by how many packages take their article in. */
		final int[] byPackageCount = new int[MAX_PACKAGES + 1];

		Counts(int articles) {
			this.articles = articles;
		}

	}

}
