package org.syndication.feed.catalog;

import java.util.Map;
import java.util.Set;

/**
 * Published after a transaction changed these feeds.
 *
 * @param feeds the feeds changed
 * @param traces for each traced feed, the trace of the newest change that reached it (a
 * W3C {@code traceparent})
 */
public record FeedsChanged(Set<FeedKey> feeds, Map<FeedKey, String> traces) {

	public FeedsChanged {
		traces = Map.copyOf(traces);
	}

	public FeedsChanged(Set<FeedKey> feeds) {
		this(feeds, Map.of());
	}

}
