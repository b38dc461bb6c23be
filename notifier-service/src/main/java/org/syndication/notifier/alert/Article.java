package org.syndication.notifier.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An article as the alerts need it; the topic binding makes it from the event, so that
 * the alert service never sees the event contract.
 *
 * @param id the article id
 * @param version grows with every change of the article
 * @param title plain text
 * @param summary plain text, or {@code null}
 * @param contentHtml the article's HTML, or {@code null}
 * @param url where it is read
 * @param language a BCP 47 tag
 * @param categories the names subscribers choose from, as the publisher wrote them
 * @param publishedAt when it went live
 * @param breaking news that every matching subscriber hears of at once, digest
 * subscribers included
 * @param image the image that illustrates the article, or {@code null}
 */
record Article(UUID id, long version, String title, String summary, String contentHtml, String url, String language,
		List<String> categories, Instant publishedAt, boolean breaking, Image image) {

	/**
	 * The image that illustrates an article, kept with it for its mails.
	 *
	 * @param url an absolute http(s) URL
	 * @param alt the text that stands for the image; empty for a purely decorative one
	 * @param width pixels, or {@code null} when unknown
	 * @param height pixels, or {@code null} when unknown
	 */
	record Image(String url, String alt, Integer width, Integer height) {

	}

}
