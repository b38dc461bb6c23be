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
 */
public record ArticleContent(String title, String summary, String contentHtml, String url, String language) {

}
