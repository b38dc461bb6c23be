package org.syndication.publisher.article;

/**
 * The image that illustrates an article.
 *
 * @param url an absolute http(s) URL
 * @param alt the text that stands for the image; empty for a purely decorative one
 * @param width pixels, or {@code null} when unknown
 * @param height pixels, or {@code null} when unknown
 */
record Image(String url, String alt, Integer width, Integer height) {

}
