package org.syndication.packages.ninjs;

import org.syndication.events.ArticleImage;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The article's image as the picture associated with its ninjs item ({@code mainpic}, see
 * {@link NinjsItems}): an association, not a rendition, because it is not the article in
 * another form.
 */
final class ItemPicture {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ItemPicture() {
	}

	/**
	 * The picture an image makes.
	 * @param image the article's image
	 * @param version the release to write
	 * @return a new {@code picture} item
	 * @throws IllegalArgumentException if the image has no address, or one that is not an
	 * absolute URI
	 */
	static ObjectNode of(ArticleImage image, NinjsVersion version) {
		if (image.url() == null) {
			throw new IllegalArgumentException("Image without url, which the associated picture's uri is made of");
		}
		String url = ItemProperties.absoluteUri(image.url(), "image url");
		ObjectNode picture = NODES.objectNode();
		picture.put("name", "mainpic");
		picture.put("uri", url);
		picture.put("type", "picture");
		// Kept when empty: an empty alt text marks a decorative image.
		ItemProperties.putText(picture, version, "descriptions", "alt", "text/plain", image.alt());
		ObjectNode rendition = picture.putArray("renditions").addObject().put("name", "main").put("href", url);
		if (image.width() != null) {
			rendition.put("width", image.width());
		}
		if (image.height() != null) {
			rendition.put("height", image.height());
		}
		return picture;
	}

}
