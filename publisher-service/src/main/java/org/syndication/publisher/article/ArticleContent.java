package org.syndication.publisher.article;

import java.util.List;

/**
 * The editable fields of an article after they were cleaned: sanitized HTML, text without
 * characters XML 1.0 forbids, a canonical language tag and an absolute url; the image, if
 * any, with a single-line alt text.
 */
record ArticleContent(String title, String summary, String contentHtml, String url, List<String> authors,
		List<String> categories, String language, boolean breaking, Image image) {

}
