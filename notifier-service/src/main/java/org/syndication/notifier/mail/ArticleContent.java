package org.syndication.notifier.mail;

/**
 * What an alert tells about an article.
 *
 * @param title plain text
 * @param summary plain text, may be empty
 * @param contentHtml the article's HTML (or the start of it); sanitized again before it
 * goes into a mail
 * @param url where the article is read
 * @param language a BCP 47 tag such as {@code en} or {@code zh-Hans}, may be {@code null}
 * @param image the image that illustrates the article, or {@code null}
 */
public record ArticleContent(String title, String summary, String contentHtml, String url, String language,
		Image image) {

	/**
	 * An article without an image.
	 * @param title plain text
	 * @param summary plain text, may be empty
	 * @param contentHtml the article's HTML
	 * @param url where the article is read
	 * @param language a BCP 47 tag, may be {@code null}
	 */
	public ArticleContent(String title, String summary, String contentHtml, String url, String language) {
		this(title, summary, contentHtml, url, language, null);
	}

	/**
	 * The image that illustrates an article.
	 *
	 * @param url an absolute http(s) URL; an image with any other is not shown
	 * @param alt the text that stands for the image; empty for a purely decorative one
	 * @param width pixels, or {@code null} when unknown
	 * @param height pixels, or {@code null} when unknown
	 */
	public record Image(String url, String alt, Integer width, Integer height) {

	}

}
