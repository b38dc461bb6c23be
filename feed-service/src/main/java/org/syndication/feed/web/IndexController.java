package org.syndication.feed.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.syndication.feed.FeedProperties;
import org.syndication.feed.catalog.FeedCatalog;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.catalog.FeedState;
import org.syndication.feed.documents.LanguageNames;
import org.syndication.feed.rendering.FeedFormat;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page that lists every feed, from {@code templates/index.html}, with autodiscovery
 * links so that a feed reader given this page's address finds the feeds itself.
 */
@Controller
class IndexController {

	private final FeedCatalog catalog;

	private final FeedProperties properties;

	IndexController(FeedCatalog catalog, FeedProperties properties) {
		this.catalog = catalog;
		this.properties = properties;
	}

	@GetMapping("/")
	ModelAndView index() {
		List<FeedState> feeds = this.catalog.feeds();
		return new ModelAndView("index",
				Map.of("title", this.properties.title(), "all", listed("", FeedKey.all()), "categories",
						listed(feeds, FeedKey.Kind.CATEGORY), "authors", listed(feeds, FeedKey.Kind.AUTHOR),
						"languages", listed(feeds, FeedKey.Kind.LANGUAGE)));
	}

	private List<ListedFeed> listed(List<FeedState> feeds, FeedKey.Kind kind) {
		return feeds.stream()
			.filter((feed) -> feed.key().kind() == kind)
			.map((feed) -> listed(name(feed), feed.key()))
			.toList();
	}

	private static String name(FeedState feed) {
		if (feed.key().kind() == FeedKey.Kind.LANGUAGE) {
			return LanguageNames.displayName(feed.key()) + ", " + LanguageNames.tag(feed.key());
		}
		return feed.name();
	}

	private ListedFeed listed(String name, FeedKey key) {
		return new ListedFeed(name,
				Arrays.stream(FeedFormat.values())
					.map((format) -> new FeedLink(label(format),
							format.mediaType().getType() + "/" + format.mediaType().getSubtype(),
							this.properties.baseUrl() + "/feeds/" + key.path() + format.fileName()))
					.toList());
	}

	private static String label(FeedFormat format) {
		return switch (format) {
			case RSS -> "RSS";
			case ATOM -> "Atom";
			case JSON_FEED -> "JSON Feed";
		};
	}

	/**
	 * A feed as the page lists it.
	 *
	 * @param name the category's or author's name, or the language's name and tag
	 * @param links one per format
	 */
	record ListedFeed(String name, List<FeedLink> links) {

	}

	/**
	 * Where a feed is in one format.
	 *
	 * @param label the format's name for readers
	 * @param mediaType the format's media type, without parameters
	 * @param url the feed's address
	 */
	record FeedLink(String label, String mediaType, String url) {

	}

}
