package org.syndication.feed.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.catalog.FeedArchive;
import org.syndication.feed.catalog.FeedCatalog;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.catalog.FeedSnapshot;
import org.syndication.feed.catalog.FeedsChanged;
import org.syndication.feed.rendering.FeedChannel;
import org.syndication.feed.rendering.FeedFormat;
import org.syndication.feed.rendering.FeedHistory;
import org.syndication.feed.rendering.FeedItem;
import org.syndication.feed.rendering.FeedRenderer;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Rendered feeds, per feed and format, so that a poll costs a lookup rather than a
 * render. An entry is dropped only when its feed changes: at once on the instance that
 * applied the change, and within {@code feed.change-poll-interval} on every other
 * instance sharing the database, whatever partitions each consumes.
 */
@Component
public class FeedCache {

	// Changes committed shortly before the previous look may only become visible now.
	private static final Duration OVERLAP = Duration.ofSeconds(10);

	private static final long MAX_WEIGHT = 256L * 1024 * 1024;

	// Below this a body is written from memory; above it, sent from its file.
	private static final int SPOOL_THRESHOLD = 48 * 1024;

	private final FeedCatalog catalog;

	private final FeedRenderer renderer;

	private final FeedProperties properties;

	private final Clock clock;

	private final String hubUrl;

	private final Cache<CacheKey, RenderedFeed> entries = Caffeine.newBuilder()
		.maximumWeight(MAX_WEIGHT)
		.weigher((CacheKey key, RenderedFeed feed) -> feed.weight())
		.build();

	// Archives are read seldom (a reader arriving late, a crawler): a few months' worth.
	private final Cache<ArchiveKey, RenderedFeed> archives = Caffeine.newBuilder()
		.maximumWeight(MAX_WEIGHT / 4)
		.weigher((ArchiveKey key, RenderedFeed feed) -> feed.weight())
		.build();

	private final SpooledBodies spool = SpooledBodies.inTemporaryFolder();

	private volatile Instant lastLook;

	FeedCache(FeedCatalog catalog, FeedRenderer renderer, FeedProperties properties, HubAddress hub, Clock clock) {
		this.catalog = catalog;
		this.renderer = renderer;
		this.properties = properties;
		this.clock = clock;
		this.hubUrl = hub.url();
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

	/**
	 * The archive document of a month (RFC 5005): every item of the feed published in it,
	 * however many, from memory while the feed has not changed since it was rendered.
	 * @return empty if the feed has no item of that month
	 */
	public Optional<RenderedFeed> archive(FeedKey key, FeedFormat format, YearMonth month) {
		ArchiveKey archiveKey = new ArchiveKey(key, format, month);
		long revision = this.catalog.revision(key);
		RenderedFeed cached = this.archives.getIfPresent(archiveKey);
		if (cached != null && cached.revision() == revision) {
			return Optional.of(cached);
		}
		return this.catalog.archive(key, month).map((archive) -> {
			RenderedFeed rendered = render(format, archiveChannel(archive), archive.items(), Long.MAX_VALUE,
					archive.revision(), newest(archive.items()));
			this.archives.put(archiveKey, rendered);
			return rendered;
		});
	}

	/**
	 * The folder of a month's archive below a feed's folder, e.g.
	 * {@code archive/2026/11/}.
	 */
	static String archivePath(YearMonth month) {
		return String.format(Locale.ROOT, "archive/%04d/%02d/", month.getYear(), month.getMonthValue());
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

	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void deleteUnusedFiles() {
		Set<Path> inUse = new HashSet<>();
		Stream.concat(this.entries.asMap().values().stream(), this.archives.asMap().values().stream())
			.forEach((feed) -> {
				if (feed.bodyFile() != null) {
					inUse.add(feed.bodyFile());
				}
				if (feed.gzipFile() != null) {
					inUse.add(feed.gzipFile());
				}
			});
		this.spool.deleteUnused(inUse, Instant.now(this.clock));
	}

	private void evict(FeedKey key) {
		for (FeedFormat format : FeedFormat.values()) {
			this.entries.invalidate(new CacheKey(key, format));
		}
	}

	private RenderedFeed render(FeedFormat format, FeedSnapshot snapshot) {
		FeedHistory history = snapshot.items().isEmpty() ? null : FeedHistory.subscription(
				folder(snapshot.key()) + archivePath(FeedCatalog.month(snapshot.items().get(0).publishedAt())));
		FeedChannel channel = channel(snapshot.key(), snapshot.name(), snapshot.updatedAt(), "", history);
		return render(format, channel, snapshot.items(), this.properties.maxSize().toBytes(), snapshot.revision(),
				snapshot.updatedAt());
	}

	private RenderedFeed render(FeedFormat format, FeedChannel channel, List<FeedItem> items, long maxBytes,
			long revision, Instant lastModified) {
		byte[] body = this.renderer.render(format, channel, items, maxBytes);
		byte[] gzip = gzip(body);
		String tag = tag(body);
		Path bodyFile = (body.length >= SPOOL_THRESHOLD) ? this.spool.spool(tag, body) : null;
		Path gzipFile = (gzip.length >= SPOOL_THRESHOLD) ? this.spool.spool(tag + "-gzip", gzip) : null;
		return new RenderedFeed(revision, format.mediaType(), body, gzip, "\"" + tag + "\"", "\"" + tag + "-gzip\"",
				lastModified.truncatedTo(ChronoUnit.SECONDS), bodyFile, gzipFile);
	}

	/**
	 * An archive: the feed's own id and title with the month, its newest item's time, and
	 * links to the feed and the archives on either side.
	 */
	private FeedChannel archiveChannel(FeedArchive archive) {
		String folder = folder(archive.key());
		FeedHistory history = new FeedHistory(true, folder,
				(archive.previous() != null) ? folder + archivePath(archive.previous()) : null,
				(archive.next() != null) ? folder + archivePath(archive.next()) : null);
		String month = archive.month().format(DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH));
		return channel(archive.key(), archive.name(), newest(archive.items()), archivePath(archive.month()), history)
			.withTitle(month);
	}

	private static Instant newest(List<FeedItem> items) {
		return items.stream().map(FeedItem::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
	}

	private String folder(FeedKey key) {
		return this.properties.baseUrl() + "/feeds/" + key.path();
	}

	/**
	 * @param below the document's folder below the feed's, {@code ""} for the feed itself
	 */
	private FeedChannel channel(FeedKey key, String name, Instant updated, String below, FeedHistory history) {
		String title = switch (key.kind()) {
			case ALL -> this.properties.title();
			case CATEGORY -> this.properties.title() + ": " + name;
			case AUTHOR -> this.properties.title() + ": articles by " + name;
			case LANGUAGE -> this.properties.title() + ": articles in " + LanguageNames.displayName(key);
		};
		String description = switch (key.kind()) {
			case ALL -> this.properties.description();
			case CATEGORY -> "The newest articles in " + name;
			case AUTHOR -> "The newest articles by " + name;
			case LANGUAGE -> "The newest articles in " + LanguageNames.displayName(key);
		};
		String language = (key.kind() == FeedKey.Kind.LANGUAGE) ? LanguageNames.tag(key) : null;
		// A name-based UUID: the same feed has the same id on every host and after a
		// rebuild, and in its archives.
		String id = "urn:uuid:" + UUID.nameUUIDFromBytes(("feed:" + key.storageKey()).getBytes(StandardCharsets.UTF_8));
		return new FeedChannel(id, title, description, folder(key) + below, this.properties.baseUrl() + "/", language,
				updated, this.properties.ttl(), "syndication feed-service", this.hubUrl, history);
	}

	private static String tag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private record CacheKey(FeedKey feed, FeedFormat format) {

	}

	private record ArchiveKey(FeedKey feed, FeedFormat format, YearMonth month) {

	}

}
