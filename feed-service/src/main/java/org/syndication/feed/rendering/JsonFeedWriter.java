package org.syndication.feed.rendering;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Feed 1.1 through Jackson.
 * <p>
 * JSON Feed has no feed id, updated time, ttl or generator; they travel in the
 * {@code _syndication} extension object (extension keys start with an underscore, and
 * readers ignore those they do not know). An item's image is its {@code image}, a URL:
 * JSON Feed has no place for its alt text or size.
 */
final class JsonFeedWriter implements FeedWriter {

	static final String VERSION = "https://jsonfeed.org/version/1.1";

	// an own instance: the feed's shape must not depend on the application's Jackson
	// setup
	private final JsonMapper mapper = JsonMapper.builder().build();

	@Override
	public byte[] write(FeedChannel channel, List<FeedItem> items) {
		String language = FeedText.languageTag(channel.language());
		Map<String, String> history = channel.historyLinks(FeedFormat.JSON_FEED);
		Syndication syndication = new Syndication(channel.id(), rfc3339(channel.updated()),
				(channel.ttl() != null) ? channel.ttlMinutes() : null, channel.generator(),
				channel.isArchive() ? Boolean.TRUE : null, history.get("current"), history.get("next-archive"));
		JsonFeed feed = new JsonFeed(VERSION, channel.title(), channel.alternateUrl(),
				channel.selfUrl(FeedFormat.JSON_FEED), history.get("prev-archive"), channel.description(), language,
				(channel.hubUrl() != null) ? List.of(new JsonHub("WebSub", channel.hubUrl())) : null, syndication,
				items.stream().map(JsonFeedWriter::item).toList());
		return this.mapper.writeValueAsBytes(feed);
	}

	private static JsonItem item(FeedItem item) {
		String contentText = (item.contentHtml() != null) ? null : (item.summary() != null) ? item.summary() : "";
		return new JsonItem(item.urn(), item.url(), item.title(), item.contentHtml(), contentText, item.summary(),
				rfc3339(item.publishedAt()), rfc3339(item.updatedAt()),
				item.authors().isEmpty() ? null : item.authors().stream().map(JsonAuthor::new).toList(),
				item.categories().isEmpty() ? null : item.categories(), FeedText.languageTag(item.language()),
				(item.image() != null) ? item.image().url() : null);
	}

	/**
	 * RFC 3339 in UTC with a {@code Z}, to the second like Rome writes Atom dates, so
	 * that the formats agree.
	 */
	static String rfc3339(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "version", "title", "home_page_url", "feed_url", "next_url", "description", "language", "hubs",
			"_syndication", "items" })
	record JsonFeed(String version, String title, @JsonProperty("home_page_url") String homePageUrl,
			@JsonProperty("feed_url") String feedUrl, @JsonProperty("next_url") String nextUrl, String description,
			String language, List<JsonHub> hubs, @JsonProperty("_syndication") Syndication syndication,
			List<JsonItem> items) {
	}

	/**
	 * {@code archive}, {@code current} and {@code next_archive}: RFC 5005's archive
	 * marker and links, which JSON Feed has no names for. The previous archive is the
	 * feed's {@code next_url}: the next older items.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "id", "updated", "ttl_minutes", "generator", "archive", "current", "next_archive" })
	record Syndication(String id, String updated, @JsonProperty("ttl_minutes") Integer ttlMinutes, String generator,
			Boolean archive, String current, @JsonProperty("next_archive") String nextArchive) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "id", "url", "title", "content_html", "content_text", "summary", "date_published",
			"date_modified", "authors", "tags", "language", "image" })
	record JsonItem(String id, String url, String title, @JsonProperty("content_html") String contentHtml,
			@JsonProperty("content_text") String contentText, String summary,
			@JsonProperty("date_published") String datePublished, @JsonProperty("date_modified") String dateModified,
			List<JsonAuthor> authors, List<String> tags, String language, String image) {
	}

	record JsonAuthor(String name) {
	}

	/** WebSub discovery, as JSON Feed 1.1 names it. */
	record JsonHub(String type, String url) {
	}

}
