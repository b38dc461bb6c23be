package org.syndication.feed.rendering;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rendered feed read back with independent parsers (Rome for XML, Jackson for JSON),
 * reduced to what all three formats share. Text values are plain text: the HTML-escaped
 * RSS summary is unescaped again.
 */
record ParsedFeed(String id, String title, String selfUrl, String alternateUrl, Instant updated,
		List<ParsedItem> items) {

	record ParsedItem(String id, String title, String summary, String content, String url, List<String> authors,
			List<String> categories, Instant published, Instant updated) {
	}

	static ParsedFeed parse(FeedFormat format, byte[] bytes) {
		return switch (format) {
			case RSS -> rss((Channel) xml(bytes, "rss_2.0"));
			case ATOM -> atom((Feed) xml(bytes, "atom_1.0"));
			case JSON_FEED -> json(JsonMapper.builder().build().readTree(bytes));
		};
	}

	static WireFeed xml(byte[] bytes, String expectedType) {
		WireFeedInput input = new WireFeedInput(false, Locale.US);
		// the healer would hide broken escaping
		input.setXmlHealerOn(false);
		try {
			WireFeed feed = input.build(new InputSource(new ByteArrayInputStream(bytes)));
			if (!expectedType.equals(feed.getFeedType())) {
				throw new AssertionError("Expected " + expectedType + " but Rome read " + feed.getFeedType());
			}
			return feed;
		}
		catch (FeedException ex) {
			throw new AssertionError("Unparseable feed", ex);
		}
	}

	private static ParsedFeed rss(Channel channel) {
		String self = channel.getForeignMarkup()
			.stream()
			.filter((element) -> "link".equals(element.getName())
					&& RssWriter.ATOM.getURI().equals(element.getNamespaceURI())
					&& "self".equals(element.getAttributeValue("rel")))
			.map((element) -> element.getAttributeValue("href"))
			.findFirst()
			.orElse(null);
		List<ParsedItem> items = new ArrayList<>();
		for (Item item : channel.getItems()) {
			DCModule dublinCore = (DCModule) item.getModule(DCModule.URI);
			items.add(new ParsedItem(item.getGuid().getValue(), item.getTitle(),
					(item.getDescription() != null) ? unescapeHtml(item.getDescription().getValue()) : null,
					(item.getContent() != null) ? item.getContent().getValue() : null, item.getLink(),
					(dublinCore != null) ? dublinCore.getCreators() : List.of(),
					item.getCategories().stream().map(com.rometools.rome.feed.rss.Category::getValue).toList(),
					instant(item.getPubDate()), null));
		}
		return new ParsedFeed(null, channel.getTitle(), self, channel.getLink(), instant(channel.getLastBuildDate()),
				items);
	}

	private static ParsedFeed atom(Feed feed) {
		List<ParsedItem> items = new ArrayList<>();
		for (Entry entry : feed.getEntries()) {
			items.add(new ParsedItem(entry.getId(), entry.getTitleEx().getValue(),
					(entry.getSummary() != null) ? entry.getSummary().getValue() : null,
					entry.getContents().stream().map(Content::getValue).findFirst().orElse(null),
					entry.getAlternateLinks().stream().map(Link::getHref).findFirst().orElse(null),
					entry.getAuthors().stream().map(SyndPerson::getName).toList(),
					entry.getCategories().stream().map(Category::getTerm).toList(), instant(entry.getPublished()),
					instant(entry.getUpdated())));
		}
		return new ParsedFeed(feed.getId(), feed.getTitleEx().getValue(), href(feed.getOtherLinks(), "self"),
				href(feed.getAlternateLinks(), "alternate"), instant(feed.getUpdated()), items);
	}

	private static ParsedFeed json(JsonNode feed) {
		List<ParsedItem> items = new ArrayList<>();
		for (JsonNode item : feed.path("items")) {
			String content = (text(item, "content_html") != null) ? text(item, "content_html")
					: text(item, "content_text");
			items.add(new ParsedItem(text(item, "id"), text(item, "title"), text(item, "summary"), content,
					text(item, "url"), item.path("authors").values().stream().map((a) -> text(a, "name")).toList(),
					item.path("tags").values().stream().map(JsonNode::asString).toList(),
					instantOf(text(item, "date_published")), instantOf(text(item, "date_modified"))));
		}
		JsonNode syndication = feed.path("_syndication");
		return new ParsedFeed(text(syndication, "id"), text(feed, "title"), text(feed, "feed_url"),
				text(feed, "home_page_url"), instantOf(text(syndication, "updated")), items);
	}

	static String text(JsonNode node, String property) {
		JsonNode value = node.get(property);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static String href(List<Link> links, String rel) {
		return links.stream().filter((link) -> rel.equals(link.getRel())).map(Link::getHref).findFirst().orElse(null);
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	private static Instant instantOf(String rfc3339) {
		return (rfc3339 != null) ? Instant.parse(rfc3339) : null;
	}

	private static String unescapeHtml(String html) {
		return html.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&amp;", "&");
	}

}
