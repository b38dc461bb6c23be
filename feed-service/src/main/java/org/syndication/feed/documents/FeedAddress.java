package org.syndication.feed.documents;

import java.util.Optional;

import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.rendering.FeedFormat;

/**
 * A feed and format as a path below the service's base URL names them, e.g.
 * {@code /feeds/categories/politics/atom.xml}.
 */
public record FeedAddress(FeedKey key, FeedFormat format) {

	/**
	 * The feed a path names, as the feed servlet reads it; empty if none or an archive.
	 */
	public static Optional<FeedAddress> ofPath(String path) {
		return FeedTarget.ofPath(path)
			.filter((target) -> target.month() == null)
			.map((target) -> new FeedAddress(target.key(), target.format()));
	}

	/** The canonical path, e.g. {@code /feeds/categories/politics/atom.xml}. */
	public String path() {
		return "/feeds/" + new FeedTarget(this.key, this.format).path();
	}

}
