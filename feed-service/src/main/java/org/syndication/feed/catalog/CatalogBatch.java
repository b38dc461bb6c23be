package org.syndication.feed.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.syndication.feed.rendering.FeedItem;

/**
 * The changes of one batch folded into what must be written: each change is applied, in
 * the batch's order, to the article as stored or as an earlier change of the batch left
 * it, with the same rules as one change at a time. So several versions of one article end
 * with the newest, duplicates and older versions change nothing, and every feed is
 * touched once however many changes reach it.
 */
final class CatalogBatch {

	private final Map<UUID, Article> articles = new LinkedHashMap<>();

	private final SortedMap<String, FeedTouch> touched = new TreeMap<>();

	private final Instant now;

	/**
	 * @param stored each article of the batch that is stored, as it is stored
	 * @param now the wall-clock time of the batch
	 */
	CatalogBatch(Map<UUID, ArticleRepository.StoredArticle> stored, Instant now) {
		stored.forEach((id, article) -> this.articles.put(id, Article.stored(article)));
		this.now = now;
	}

	void apply(ArticleChange change) {
		Article article = this.articles.computeIfAbsent(change.articleId(), (id) -> Article.unknown());
		if (change instanceof ArticleChange.Revised revised) {
			revise(article, revised);
		}
		else if (change instanceof ArticleChange.Retracted retracted) {
			retract(article, retracted);
		}
		else if (change instanceof ArticleChange.Erased erased) {
			erase(article, erased);
		}
	}

	private void revise(Article article, ArticleChange.Revised change) {
		if (article.exists && article.version >= change.version()) {
			return;
		}
		touch(article.memberships, change.occurredAt(), change.trace());
		Map<String, String> memberships = memberships(change.item());
		memberships.forEach((key, name) -> touch(key, name, change.occurredAt(), change.trace()));
		touch(FeedKey.all().storageKey(), "", change.occurredAt(), change.trace());
		article.change(change.version(), change.item(), List.copyOf(memberships.keySet()));
	}

	private void retract(Article article, ArticleChange.Retracted change) {
		if (article.exists && article.version >= change.version()) {
			return;
		}
		if (article.exists && !article.retracted) {
			touch(article.memberships, change.occurredAt(), change.trace());
			touch(FeedKey.all().storageKey(), "", change.occurredAt(), change.trace());
		}
		article.change(change.version(), null, List.of());
	}

	private void erase(Article article, ArticleChange.Erased change) {
		if (article.exists && article.retracted) {
			return;
		}
		if (article.exists) {
			touch(article.memberships, this.now, change.trace());
			touch(FeedKey.all().storageKey(), "", this.now, change.trace());
		}
		// A retraction is final, so no later event may bring the article back.
		article.change(Long.MAX_VALUE, null, List.of());
	}

	private void touch(List<String> feedKeys, Instant updatedAt, String trace) {
		feedKeys.forEach((key) -> touch(key, null, updatedAt, trace));
	}

	private void touch(String feedKey, String name, Instant updatedAt, String trace) {
		this.touched.merge(feedKey, new FeedTouch(name, updatedAt, trace), FeedTouch::then);
	}

	/**
	 * The articles to write: the ones a change of the batch applied to, each with the
	 * memberships it leaves and the ones it enters (none of those it keeps).
	 */
	List<ItemWrite> items() {
		List<ItemWrite> writes = new ArrayList<>();
		this.articles.forEach((id, article) -> {
			if (article.changed) {
				Set<Membership> before = article.storedMemberships;
				Set<Membership> after = new LinkedHashSet<>();
				if (article.item != null) {
					article.memberships.forEach((key) -> after.add(new Membership(key, article.item.publishedAt())));
				}
				writes.add(new ItemWrite(id, article.version, article.item, article.storedBefore,
						before.stream().filter((membership) -> !after.contains(membership)).toList(),
						after.stream().filter((membership) -> !before.contains(membership)).toList()));
			}
		});
		return writes;
	}

	/**
	 * The feeds to touch, by storage key in their natural order, so that two instances
	 * lock them in the same order.
	 */
	SortedMap<String, FeedTouch> touchedFeeds() {
		return this.touched;
	}

	Instant now() {
		return this.now;
	}

	static Map<String, String> memberships(FeedItem item) {
		return memberships(item.categories(), item.authors(), item.language());
	}

	/**
	 * The feeds an article with these categories, authors and language is in, by storage
	 * key, with their display names. Stored articles find the rows to replace with it
	 * too, so a change to these rules needs a rebuild of the catalog, or a migration that
	 * adds the rows the new rules give stored articles.
	 */
	static Map<String, String> memberships(List<String> categories, List<String> authors, String language) {
		Map<String, String> memberships = new LinkedHashMap<>();
		categories.forEach((category) -> memberships.put(FeedKey.category(category).storageKey(), category));
		authors.stream()
			.filter((author) -> !FeedKey.slugify(author).isEmpty())
			.forEach((author) -> memberships.put(FeedKey.author(author).storageKey(), author));
		FeedKey.languages(language).forEach((feed) -> memberships.put(feed.key().storageKey(), feed.name()));
		return memberships;
	}

	/**
	 * A change to a feed.
	 *
	 * @param name its display name, or {@code null} to keep the stored one
	 * @param updatedAt the newest change time among the changes that reached it
	 * @param trace the trace of the last change that reached it, {@code null} if none was
	 * traced
	 */
	record FeedTouch(String name, Instant updatedAt, String trace) {

		/**
		 * This touch followed by a later one: the later name, the newer time, the later
		 * trace.
		 */
		FeedTouch then(FeedTouch later) {
			return new FeedTouch((later.name != null) ? later.name : this.name,
					later.updatedAt.isAfter(this.updatedAt) ? later.updatedAt : this.updatedAt,
					(later.trace != null) ? later.trace : this.trace);
		}

	}

	/**
	 * An article's place in one feed: the feed and the publication time it is sorted by.
	 */
	record Membership(String feedKey, Instant publishedAt) {

	}

	/**
	 * The state an article is written in.
	 *
	 * @param item the article, or {@code null} if it is retracted
	 * @param stored whether a row exists for it already
	 * @param removed the memberships it had and has no more
	 * @param added the memberships it has and had not
	 */
	record ItemWrite(UUID id, long version, FeedItem item, boolean stored, List<Membership> removed,
			List<Membership> added) {

		boolean retracted() {
			return this.item == null;
		}

	}

	private static final class Article {

		private final boolean storedBefore;

		private final Set<Membership> storedMemberships;

		private boolean exists;

		private long version;

		private boolean retracted;

		private FeedItem item;

		private List<String> memberships;

		private boolean changed;

		private Article(boolean stored, long version, boolean retracted, List<String> memberships,
				Instant publishedAt) {
			this.storedBefore = stored;
			this.exists = stored;
			this.version = version;
			this.retracted = retracted;
			this.memberships = memberships;
			this.storedMemberships = new LinkedHashSet<>();
			memberships.forEach((key) -> this.storedMemberships.add(new Membership(key, publishedAt)));
		}

		static Article unknown() {
			return new Article(false, 0, false, List.of(), null);
		}

		static Article stored(ArticleRepository.StoredArticle article) {
			List<String> memberships = article.retracted() ? List.of() : List
				.copyOf(CatalogBatch.memberships(article.categories(), article.authors(), article.language()).keySet());
			return new Article(true, article.version(), article.retracted(), memberships, article.publishedAt());
		}

		void change(long version, FeedItem item, List<String> memberships) {
			this.exists = true;
			this.version = version;
			this.retracted = (item == null);
			this.item = item;
			this.memberships = memberships;
			this.changed = true;
		}

	}

}
