package org.syndication.feed.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.syndication.feed.rendering.FeedItem;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read model behind the feeds. Applying events is idempotent and order-safe: an event
 * whose article version is not newer than the stored one changes nothing, so duplicates,
 * late arrivals and a replay of the whole topic all end in the same feeds. Events come in
 * batches, one transaction each, and each changed feed is touched once per batch.
 */
@Service
public class FeedCatalog {

	private final ArticleRepository articles;

	private final FeedItemRepository items;

	private final FeedStateRepository states;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FeedCatalog(ArticleRepository articles, FeedItemRepository items, FeedStateRepository states,
			ApplicationEventPublisher events, Clock clock) {
		this.articles = articles;
		this.items = items;
		this.states = states;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Applies the changes of one batch, in their order, in one transaction.
	 * @param changes the changes, as the topic delivered them
	 * @return the feeds they changed; empty when they changed nothing
	 */
	@Transactional
	Set<FeedKey> apply(List<ArticleChange> changes) {
		return apply(changes, true);
	}

	/**
	 * Applies changes again that a database restored from an older backup is missing: the
	 * feeds change as they did the first time, but nobody is told (no WebSub push),
	 * because the subscribers were told then, by the database that was lost.
	 * @param changes the changes, as the topic delivered them
	 * @return the feeds they changed; empty when they changed nothing
	 */
	@Transactional
	Set<FeedKey> replay(List<ArticleChange> changes) {
		return apply(changes, false);
	}

	private Set<FeedKey> apply(List<ArticleChange> changes, boolean announced) {
		if (changes.isEmpty()) {
			return Set.of();
		}
		Set<UUID> ids = new LinkedHashSet<>();
		changes.forEach((change) -> ids.add(change.articleId()));
		CatalogBatch batch = new CatalogBatch(this.articles.lockArticles(ids), Instant.now(this.clock));
		changes.forEach(batch::apply);
		this.articles.write(batch.items());
		if (batch.touchedFeeds().isEmpty()) {
			return Set.of();
		}
		this.states.touchFeeds(batch.touchedFeeds(), batch.now());
		Set<FeedKey> changed = new LinkedHashSet<>();
		Map<FeedKey, String> traces = new LinkedHashMap<>();
		batch.touchedFeeds().forEach((storageKey, touch) -> FeedKey.fromStorageKey(storageKey).ifPresent((key) -> {
			changed.add(key);
			if (touch.trace() != null) {
				traces.put(key, touch.trace());
			}
		}));
		this.events.publishEvent(new FeedsChanged(changed, traces, announced));
		return changed;
	}

	/**
	 * Applies one change.
	 * @return the feeds it changed; empty when it changed nothing
	 */
	@Transactional
	Set<FeedKey> apply(ArticleChange change) {
		return apply(List.of(change));
	}

	/**
	 * Applies a tombstone: the article is gone for good.
	 * @param articleId the key of the tombstone
	 * @return the feeds it changed
	 */
	@Transactional
	Set<FeedKey> applyTombstone(UUID articleId) {
		return apply(List.of(new ArticleChange.Erased(articleId)));
	}

	/**
	 * The newest items of a feed.
	 * @param key the feed
	 * @param limit how many items at most
	 * @return the feed, or empty if no such feed exists
	 */
	// One snapshot of the database for the revision and the items: read committed, a
	// change committed between the two reads gave the newer items the older revision,
	// and the next push sent the same document again.
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Optional<FeedSnapshot> snapshot(FeedKey key, int limit) {
		Optional<FeedState> state = this.states.feedState(key.storageKey());
		if (key.kind() == FeedKey.Kind.ALL) {
			FeedState all = state.orElse(new FeedState("all", "", 0, Instant.EPOCH));
			return Optional
				.of(new FeedSnapshot(key, all.name(), all.revision(), all.updatedAt(), this.items.newestItems(limit)));
		}
		return state.map((feed) -> new FeedSnapshot(key, feed.name(), feed.revision(), feed.updatedAt(),
				this.items.newestItems(key.storageKey(), limit)));
	}

	/**
	 * Every live item of a feed published in one month (UTC), with the months before and
	 * after it that have items: an archive document (RFC 5005).
	 * @return empty if no such feed exists or it has no item of that month
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Optional<FeedArchive> archive(FeedKey key, YearMonth month) {
		Optional<FeedState> state = this.states.feedState(key.storageKey());
		if (key.kind() != FeedKey.Kind.ALL && state.isEmpty()) {
			return Optional.empty();
		}
		String feedKey = (key.kind() == FeedKey.Kind.ALL) ? null : key.storageKey();
		Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		List<FeedItem> items = this.items.publishedBetween(feedKey, from, to);
		if (items.isEmpty()) {
			return Optional.empty();
		}
		Optional<YearMonth> previous = this.items.newestPublishedBefore(feedKey, from).map(FeedCatalog::month);
		Optional<YearMonth> next = this.items.oldestPublishedFrom(feedKey, to).map(FeedCatalog::month);
		return Optional.of(new FeedArchive(key, state.map(FeedState::name).orElse(""),
				state.map(FeedState::revision).orElse(0L), month, items, previous.orElse(null), next.orElse(null)));
	}

	/** The month (UTC) of a time, as archives are cut. */
	public static YearMonth month(Instant instant) {
		return YearMonth.from(instant.atZone(ZoneOffset.UTC));
	}

	/**
	 * The revision of a feed: it grows with every change to the feed.
	 * @return 0 for a feed that does not exist
	 */
	@Transactional(readOnly = true)
	public long revision(FeedKey key) {
		return this.states.feedState(key.storageKey()).map(FeedState::revision).orElse(0L);
	}

	@Transactional(readOnly = true)
	public List<FeedState> feeds() {
		return this.states.feedStates();
	}

	/**
	 * The feeds changed at or after a time, with their revisions, for instances that keep
	 * caches.
	 */
	@Transactional(readOnly = true)
	public Map<FeedKey, Long> revisionsChangedSince(Instant since) {
		Map<FeedKey, Long> revisions = new LinkedHashMap<>();
		for (FeedStateRepository.FeedRevision change : this.states.changedSince(since)) {
			FeedKey.fromStorageKey(change.feedKey()).ifPresent((key) -> revisions.put(key, change.revision()));
		}
		return revisions;
	}

}
