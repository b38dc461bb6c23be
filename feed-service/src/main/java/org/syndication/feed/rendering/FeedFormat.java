package org.syndication.feed.rendering;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.MediaType;

/**
 * The three formats every feed is served in, with their file names and media types.
 */
public enum FeedFormat {

	RSS("rss.xml", "application/rss+xml;charset=utf-8"),

	ATOM("atom.xml", "application/atom+xml;charset=utf-8"),

	JSON_FEED("feed.json", "application/feed+json;charset=utf-8");

	private final String fileName;

	private final MediaType mediaType;

	FeedFormat(String fileName, String mediaType) {
		this.fileName = fileName;
		this.mediaType = MediaType.parseMediaType(mediaType);
	}

	public String fileName() {
		return this.fileName;
	}

	public MediaType mediaType() {
		return this.mediaType;
	}

	public static Optional<FeedFormat> ofFileName(String fileName) {
		return Arrays.stream(values()).filter((format) -> format.fileName.equals(fileName)).findFirst();
	}

}
