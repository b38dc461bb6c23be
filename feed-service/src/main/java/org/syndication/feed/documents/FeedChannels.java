package org.syndication.feed.documents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.syndication.feed.FeedProperties;
import org.syndication.feed.catalog.FeedArchive;
import org.syndication.feed.catalog.FeedCatalog;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.catalog.FeedSnapshot;
import org.syndication.feed.rendering.FeedChannel;
import org.syndication.feed.rendering.FeedHistory;

import org.springframework.stereotype.Component;

/**
 * What a feed document says about itself: its id, title, description, language and links.
 * A feed has the same id on every host, after a rebuild and in its archives; its
 * documents link to each other as RFC 5005 says.
 */
@Component
class FeedChannels {

	private final FeedProperties properties;

	private final String hubUrl;

	FeedChannels(FeedProperties properties, HubAddress hub) {
		this.properties = properties;
		this.hubUrl = hub.url();
	}

	/**
	 * The feed itself: its own folder, linking to the archive of its newest item's month.
	 */
	FeedChannel feed(FeedSnapshot snapshot) {
		FeedHistory history = snapshot.items().isEmpty() ? null : FeedHistory.subscription(
				folder(snapshot.key()) + archivePath(FeedCatalog.month(snapshot.items().get(0).publishedAt())));
		return channel(snapshot.key(), snapshot.name(), snapshot.updatedAt(), "", history);
	}

	/**
	 * An archive: the feed's own id and title with the month, its newest item's time, and
	 * links to the feed and the archives on either side.
	 * @param updated the time of the archive's newest item
	 */
	FeedChannel archive(FeedArchive archive, Instant updated) {
		String folder = folder(archive.key());
		FeedHistory history = new FeedHistory(true, folder,
				(archive.previous() != null) ? folder + archivePath(archive.previous()) : null,
				(archive.next() != null) ? folder + archivePath(archive.next()) : null);
		String month = archive.month().format(DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH));
		return channel(archive.key(), archive.name(), updated, archivePath(archive.month()), history).withTitle(month);
	}

	/**
	 * The folder of a month's archive below a feed's folder, e.g.
	 * {@code archive/2026/11/}.
	 */
	static String archivePath(YearMonth month) {
		return String.format(Locale.ROOT, "archive/%04d/%02d/", month.getYear(), month.getMonthValue());
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

}
