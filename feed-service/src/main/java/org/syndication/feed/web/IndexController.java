package org.syndication.feed.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.syndication.feed.FeedProperties;
import org.syndication.feed.catalog.FeedCatalog;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.catalog.FeedState;
import org.syndication.feed.rendering.FeedFormat;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page that lists every feed, with autodiscovery links so that a feed reader given
 * this page's address finds the feeds itself.
 */
@RestController
class IndexController {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final FeedCatalog catalog;

	private final FeedProperties properties;

	IndexController(FeedCatalog catalog, FeedProperties properties) {
		this.catalog = catalog;
		this.properties = properties;
	}

	@GetMapping("/")
	ResponseEntity<String> index() {
		List<FeedState> feeds = this.catalog.feeds();
		StringBuilder discovery = new StringBuilder();
		for (FeedFormat format : FeedFormat.values()) {
			discovery.append("<link rel=\"alternate\" type=\"")
				.append(format.mediaType().getType())
				.append('/')
				.append(format.mediaType().getSubtype())
				.append("\" title=\"")
				.append(escape(this.properties.title()))
				.append("\" href=\"")
				.append(escape(url(FeedKey.all(), format)))
				.append("\">\n");
		}
		StringBuilder categories = new StringBuilder();
		StringBuilder authors = new StringBuilder();
		for (FeedState feed : feeds) {
			FeedKey key = feed.key();
			StringBuilder list = switch (key.kind()) {
				case CATEGORY -> categories;
				case AUTHOR -> authors;
				case ALL -> null;
			};
			if (list != null) {
				list.append("<li>").append(escape(feed.name())).append(": ").append(links(key)).append("</li>\n");
			}
		}
		String body = """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s: feeds</title>
				%s<style>body{max-width:42rem;margin:2rem auto;padding:0 1rem;font:1rem/1.6 system-ui,sans-serif}</style>
				</head>
				<body>
				<h1>%s</h1>
				<p>Subscribe in any feed reader. Every feed comes as RSS 2.0, Atom 1.0 and JSON Feed 1.1.</p>
				<h2>All articles</h2>
				<p>%s</p>
				<h2>Categories</h2>
				<ul>
				%s</ul>
				<h2>Authors</h2>
				<ul>
				%s</ul>
				</body>
				</html>
				"""
			.formatted(escape(this.properties.title()), discovery, escape(this.properties.title()),
					links(FeedKey.all()), categories, authors);
		return ResponseEntity.ok().contentType(HTML).body(body);
	}

	private String links(FeedKey key) {
		StringBuilder links = new StringBuilder();
		for (FeedFormat format : FeedFormat.values()) {
			if (!links.isEmpty()) {
				links.append(" · ");
			}
			links.append("<a href=\"")
				.append(escape(url(key, format)))
				.append("\">")
				.append(label(format))
				.append("</a>");
		}
		return links.toString();
	}

	private String url(FeedKey key, FeedFormat format) {
		return this.properties.baseUrl() + "/feeds/" + key.path() + format.fileName();
	}

	private static String label(FeedFormat format) {
		return switch (format) {
			case RSS -> "RSS";
			case ATOM -> "Atom";
			case JSON_FEED -> "JSON Feed";
		};
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
