package org.syndication.publisher.article;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The image an editor sends with an article.
 *
 * @param url required, an absolute http or https URL
 * @param alt required; the empty string marks a purely decorative image, as
 * {@code alt=""} does in HTML, so that leaving the text out is a choice and never an
 * oversight
 * @param width optional, in pixels
 * @param height optional, in pixels
 */
record ImageRequest(@NotNull @HttpUrl @Size(max = 2048) String url, @NotNull @Size(max = 1000) String alt,
		@Positive @Max(MAX_DIMENSION) Integer width, @Positive @Max(MAX_DIMENSION) Integer height) {

	// The contract's bound: larger sizes are typing errors, not images.
	static final int MAX_DIMENSION = org.syndication.events.ArticleImage.MAX_DIMENSION;

	Image toImage() {
		return new Image(this.url, XmlText.singleLine(this.alt), this.width, this.height);
	}

}
