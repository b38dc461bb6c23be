package org.syndication.feed.documents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.catalog.FeedCatalog;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.catalog.FeedSnapshot;
import org.syndication.feed.catalog.FeedsChanged;
import org.syndication.feed.rendering.FeedFormat;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Rendered feeds, per feed and format, so that a poll costs a lookup rather than a
 * render. An entry is dropped only when its feed changes: at once on the instance that
 * applied the change, and within {@code feed.change-poll-interval} on every other
 * instance sharing the database, whatever partitions each consumes. Archives are kept
 * apart, by {@link FeedArchives}.
 */
@Component
public class FeedCache {

	static final long MAX_WEIGHT = 256L * 1024 * 1024;

	// Changes committed shortly before the previous look may only become visible now.
	private static final Duration OVERLAP = Duration.ofSeconds(10);

	private final FeedCatalog catalog;

	private final FeedChannels channels;

	private final FeedDocuments documents;

	private final FeedProperties properties;

	private final Clock clock;

	private final Cache<CacheKey, RenderedFeed> entries = Caffeine.newBuilder()
		.maximumWeight(MAX_WEIGHT)
		.weigher((CacheKey key, RenderedFeed feed) -> feed.weight())
		.build();

	private volatile Instant lastLook;

	FeedCache(FeedCatalog catalog, FeedChannels channels, FeedDocuments documents, FeedProperties properties,
			Clock clock) {
		this.catalog = catalog;
		this.channels = channels;
		this.documents = documents;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The rendered feed, from memory or rendered now.
	 * @return empty if no such feed exists
	 */
	public Optional<RenderedFeed> get(FeedKey key, FeedFormat format) {
		CacheKey cacheKey = new CacheKey(key, format);
		RenderedFeed cached = this.entries.getIfPresent(cacheKey);
		if (cached != null) {
			return Optional.of(cached);
		}
		// Unknown feeds are not cached: their names come from requests and are unbounded.
		return this.catalog.snapshot(key, this.properties.items()).map((snapshot) -> {
			RenderedFeed rendered = render(format, snapshot);
			this.entries.asMap()
				.merge(cacheKey, rendered, (old, fresh) -> (fresh.revision() >= old.revision()) ? fresh : old);
			return rendered;
		});
	}

	/**
	 * The feed as it is now in the database, which may be newer than what this instance
	 * has cached when another instance applied the change a moment ago.
	 * @return empty if no such feed exists
	 */
	public Optional<RenderedFeed> current(FeedKey key, FeedFormat format) {
		Optional<RenderedFeed> cached = get(key, format);
		long revision = this.catalog.revision(key);
		if (cached.isEmpty() || cached.get().revision() == revision) {
			return cached;
		}
		evict(key);
		return get(key, format);
	}

	@TransactionalEventListener
	void onChange(FeedsChanged changed) {
		changed.feeds().forEach(this::evict);
	}

	/**
	 * Drops entries whose feed has another revision now: a newer one, or a lower one
	 * after the read model was rebuilt.
	 */
	@Scheduled(fixedDelayString = "#{@'feed-org.syndication.feed.FeedProperties'.changePollInterval()}")
	void lookForChanges() {
		Instant now = Instant.now(this.clock);
		Instant since = ((this.lastLook != null) ? this.lastLook : now).minus(OVERLAP);
		for (Map.Entry<FeedKey, Long> change : this.catalog.revisionsChangedSince(since).entrySet()) {
			for (FeedFormat format : FeedFormat.values()) {
				this.entries.asMap()
					.computeIfPresent(new CacheKey(change.getKey(), format),
							(key, feed) -> (feed.revision() != change.getValue()) ? null : feed);
			}
		}
		this.lastLook = now;
	}

	/** The feeds kept now. */
	Stream<RenderedFeed> kept() {
		return this.entries.asMap().values().stream();
	}

	private void evict(FeedKey key) {
		for (FeedFormat format : FeedFormat.values()) {
			this.entries.invalidate(new CacheKey(key, format));
		}
	}

	private RenderedFeed render(FeedFormat format, FeedSnapshot snapshot) {
		return this.documents.render(format, this.channels.feed(snapshot), snapshot.items(),
				this.properties.maxSize().toBytes(), snapshot.revision(), snapshot.updatedAt());
	}

	private record CacheKey(FeedKey feed, FeedFormat format) {

	}

}
