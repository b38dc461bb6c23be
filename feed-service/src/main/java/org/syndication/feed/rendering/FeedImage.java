package org.syndication.feed.rendering;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The image that illustrates an item.
 *
 * @param url an absolute http(s) URL
 * @param alt the text that stands for the image; empty for a purely decorative one
 * @param width pixels, or {@code null} when unknown
 * @param height pixels, or {@code null} when unknown
 */
public record FeedImage(String url, String alt, Integer width, Integer height) {

	// What the publisher's editors use; RSS enclosures and Atom links name the type.
	private static final Map<String, String> MEDIA_TYPES = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg", "png",
			"image/png", "gif", "image/gif", "webp", "image/webp", "avif", "image/avif", "svg", "image/svg+xml");

	public FeedImage {
		alt = (alt != null) ? alt : "";
	}

	/**
	 * The media type told by the file extension of the URL's path, as nobody fetches the
	 * image to ask its server.
	 * @return the type, or empty when the extension is missing or unknown
	 */
	Optional<String> mediaType() {
		String path;
		try {
			path = new URI(this.url).getPath();
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		if (path == null) {
			return Optional.empty();
		}
		int dot = path.lastIndexOf('.');
		if (dot < 0 || dot < path.lastIndexOf('/')) {
			return Optional.empty();
		}
		return Optional.ofNullable(MEDIA_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
	}

}
