package org.syndication.feed.documents;

import java.nio.file.Path;
import java.time.Instant;

import org.springframework.http.MediaType;

/**
 * A feed rendered once and served from memory until a change to it: the bytes as they are
 * and gzipped, each with its own strong entity tag.
 */
public record RenderedFeed(long revision, MediaType mediaType, byte[] body, byte[] gzipBody, String etag,
		String gzipEtag, Instant lastModified, Path bodyFile, Path gzipFile) {

	int weight() {
		return this.body.length + this.gzipBody.length;
	}

}
