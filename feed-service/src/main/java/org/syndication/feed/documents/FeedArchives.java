package org.syndication.feed.documents;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.syndication.feed.catalog.FeedCatalog;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.rendering.FeedFormat;
import org.syndication.feed.rendering.FeedItem;

import org.springframework.stereotype.Component;

/**
 * Rendered archive documents (RFC 5005), per feed, format and month. Archives are read
 * seldom (a reader arriving late, a crawler), so only a few months' worth are kept, and
 * each is checked against its feed's revision when it is read rather than dropped when
 * its feed changes.
 */
@Component
public class FeedArchives {

	private static final long MAX_WEIGHT = FeedCache.MAX_WEIGHT / 4;

	private final FeedCatalog catalog;

	private final FeedChannels channels;

	private final FeedDocuments documents;

	private final Cache<ArchiveKey, RenderedFeed> archives = Caffeine.newBuilder()
		.maximumWeight(MAX_WEIGHT)
		.weigher((ArchiveKey key, RenderedFeed feed) -> feed.weight())
		.build();

	FeedArchives(FeedCatalog catalog, FeedChannels channels, FeedDocuments documents) {
		this.catalog = catalog;
		this.channels = channels;
		this.documents = documents;
	}

	/**
	 * The archive document of a month: every item of the feed published in it, however
	 * many, from memory while the feed has not changed since it was rendered.
	 * @return empty if the feed has no item of that month
	 */
	public Optional<RenderedFeed> get(FeedKey key, FeedFormat format, YearMonth month) {
		ArchiveKey archiveKey = new ArchiveKey(key, format, month);
		long revision = this.catalog.revision(key);
		RenderedFeed cached = this.archives.getIfPresent(archiveKey);
		if (cached != null && cached.revision() == revision) {
			return Optional.of(cached);
		}
		return this.catalog.archive(key, month).map((archive) -> {
			Instant newest = newest(archive.items());
			RenderedFeed rendered = this.documents.render(format, this.channels.archive(archive, newest),
					archive.items(), Long.MAX_VALUE, archive.revision(), newest);
			this.archives.put(archiveKey, rendered);
			return rendered;
		});
	}

	/** The archives kept now. */
	Stream<RenderedFeed> kept() {
		return this.archives.asMap().values().stream();
	}

	private static Instant newest(List<FeedItem> items) {
		return items.stream().map(FeedItem::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
	}

	private record ArchiveKey(FeedKey feed, FeedFormat format, YearMonth month) {

	}

}
