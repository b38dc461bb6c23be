package org.syndication.feed.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.transaction.annotation.Transactional;

/**
 * The read model behind the feeds. Applying events is idempotent and order-safe: an event
 * whose article version is not newer than the stored one changes nothing, so duplicates,
 * late arrivals and a replay of the whole topic all end in the same feeds.
 */
@Service
public class FeedCatalog {

	private final CatalogRepository repository;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FeedCatalog(CatalogRepository repository, ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Applies one change.
	 * @param change the change
	 * @return the feeds it changed; empty when it changed nothing
	 */
	@Transactional
	Set<FeedKey> apply(ArticleChange change) {
		UUID articleId = change.articleId();
		Optional<CatalogRepository.StoredVersion> stored = this.repository.lockVersion(articleId);
		if (stored.isPresent() && stored.get().version() >= change.version()) {
			return Set.of();
		}
		boolean wasLive = stored.isPresent() && !stored.get().retracted();
		Map<String, String> affected = new LinkedHashMap<>();
		this.repository.memberships(articleId).forEach((key) -> affected.put(key, null));
		if (change instanceof ArticleChange.Revised revised) {
			FeedItem item = revised.item();
			this.repository.upsert(change.version(), item);
			Map<String, String> memberships = memberships(item);
			this.repository.replaceMemberships(articleId, new ArrayList<>(memberships.keySet()), item.publishedAt());
			affected.putAll(memberships);
		}
		else {
			this.repository.markRetracted(articleId, change.version());
			this.repository.replaceMemberships(articleId, List.of(), null);
			if (!wasLive) {
				return Set.of();
			}
		}
		affected.put(FeedKey.all().storageKey(), "");
		return touch(affected, change.occurredAt());
	}

	/**
	 * Applies a tombstone: the article is gone for good.
	 * @param articleId the key of the tombstone
	 * @return the feeds it changed
	 */
	@Transactional
	Set<FeedKey> applyTombstone(UUID articleId) {
		Optional<CatalogRepository.StoredVersion> stored = this.repository.lockVersion(articleId);
		if (stored.isPresent() && stored.get().retracted()) {
			return Set.of();
		}
		Map<String, String> affected = new LinkedHashMap<>();
		this.repository.memberships(articleId).forEach((key) -> affected.put(key, null));
		// A retraction is final, so no later event may bring the article back.
		this.repository.markRetracted(articleId, Long.MAX_VALUE);
		this.repository.replaceMemberships(articleId, List.of(), null);
		if (stored.isEmpty()) {
			return Set.of();
		}
		affected.put(FeedKey.all().storageKey(), "");
		return touch(affected, Instant.now(this.clock));
	}

	/**
	 * The newest items of a feed.
	 * @param key the feed
	 * @param limit how many items at most
	 * @return the feed, or empty if no such feed exists
	 */
	@Transactional(readOnly = true)
	public Optional<FeedSnapshot> snapshot(FeedKey key, int limit) {
		Optional<FeedState> state = this.repository.feedState(key.storageKey());
		if (key.kind() == FeedKey.Kind.ALL) {
			FeedState all = state.orElse(new FeedState("all", "", 0, Instant.EPOCH));
			return Optional.of(new FeedSnapshot(key, all.name(), all.revision(), all.updatedAt(),
					this.repository.newestItems(limit)));
		}
		return state.map((feed) -> new FeedSnapshot(key, feed.name(), feed.revision(), feed.updatedAt(),
				this.repository.newestItems(key.storageKey(), limit)));
	}

	@Transactional(readOnly = true)
	public List<FeedState> feeds() {
		return this.repository.feedStates();
	}

	/**
	 * The feeds changed at or after a time, with their revisions, for instances that keep
	 * caches.
	 */
	@Transactional(readOnly = true)
	public Map<FeedKey, Long> revisionsChangedSince(Instant since) {
		Map<FeedKey, Long> revisions = new LinkedHashMap<>();
		for (CatalogRepository.FeedRevision change : this.repository.changedSince(since)) {
			FeedKey.fromStorageKey(change.feedKey()).ifPresent((key) -> revisions.put(key, change.revision()));
		}
		return revisions;
	}

	private Set<FeedKey> touch(Map<String, String> affected, Instant updatedAt) {
		Instant now = Instant.now(this.clock);
		Set<FeedKey> changed = new LinkedHashSet<>();
		affected.forEach((storageKey, name) -> {
			String displayName = (name != null) ? name
					: this.repository.feedState(storageKey).map(FeedState::name).orElse("");
			this.repository.touchFeed(storageKey, displayName, updatedAt, now);
			FeedKey.fromStorageKey(storageKey).ifPresent(changed::add);
		});
		this.events.publishEvent(new FeedsChanged(changed));
		return changed;
	}

	private static Map<String, String> memberships(FeedItem item) {
		Map<String, String> memberships = new LinkedHashMap<>();
		item.categories().forEach((category) -> memberships.put(FeedKey.category(category).storageKey(), category));
		item.authors()
			.stream()
			.filter((author) -> !FeedKey.slugify(author).isEmpty())
			.forEach((author) -> memberships.put(FeedKey.author(author).storageKey(), author));
		return memberships;
	}

}
