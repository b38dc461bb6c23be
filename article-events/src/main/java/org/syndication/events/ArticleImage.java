package org.syndication.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The image that illustrates an article, as feeds and mails show it.
 *
 * @param url the absolute http(s) address of the image
 * @param alt the text that stands for the image; the empty string marks a purely
 * decorative image, as {@code alt=""} does in HTML
 * @param width the width in pixels (1 to {@value #MAX_DIMENSION}), or {@code null} when
 * unknown
 * @param height the height in pixels (1 to {@value #MAX_DIMENSION}), or {@code null} when
 * unknown
 */
@JsonPropertyOrder({ "url", "alt", "width", "height" })
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleImage(@JsonInclude(JsonInclude.Include.ALWAYS) String url,
		@JsonInclude(JsonInclude.Include.ALWAYS) String alt,
		// Unknown sizes are left out rather than written as null, so that a partner
		// never has to tell "absent" from "null".
		@JsonInclude(JsonInclude.Include.NON_NULL) Integer width,
		@JsonInclude(JsonInclude.Include.NON_NULL) Integer height) {

	/**
	 * The largest width or height the contract allows, in pixels.
	 */
	public static final int MAX_DIMENSION = 10000;

}
