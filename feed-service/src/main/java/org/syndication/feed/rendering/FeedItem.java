package org.syndication.feed.rendering;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One article as a feed shows it.
 *
 * @param id the article id; every format identifies the item as {@code urn:uuid:<id>}
 * @param title plain text
 * @param summary plain text, or {@code null}
 * @param contentHtml sanitized HTML, or {@code null}
 * @param url the article's link
 * @param authors author names
 * @param categories category names
 * @param language BCP 47 tag
 * @param publishedAt first publication; never changes on edit
 * @param updatedAt the last change
 * @param image the image that illustrates the article, or {@code null}
 */
public record FeedItem(UUID id, String title, String summary, String contentHtml, String url, List<String> authors,
		List<String> categories, String language, Instant publishedAt, Instant updatedAt, FeedImage image) {

	public FeedItem {
		authors = List.copyOf(authors);
		categories = List.copyOf(categories);
	}

	/**
	 * The item's permanent identifier in every format: {@code urn:uuid:<id>}. It never
	 * changes when the article is edited, so readers do not show an edit as a new item.
	 * @return the URN of the article id
	 */
	public String urn() {
		return "urn:uuid:" + this.id;
	}

}
