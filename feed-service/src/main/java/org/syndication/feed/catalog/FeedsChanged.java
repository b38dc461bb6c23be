package org.syndication.feed.catalog;

import java.util.Map;
import java.util.Set;

/**
 * Published after a transaction changed these feeds.
 *
 * @param feeds the feeds changed
 * @param traces for each traced feed, the trace of the newest change that reached it (a
 * W3C {@code traceparent})
 * @param announced whether the change is news to the feeds' subscribers; not when it is a
 * replay of events whose changes were announced before, by a database that was lost
 */
public record FeedsChanged(Set<FeedKey> feeds, Map<FeedKey, String> traces, boolean announced) {

	public FeedsChanged {
		traces = Map.copyOf(traces);
	}

	public FeedsChanged(Set<FeedKey> feeds, Map<FeedKey, String> traces) {
		this(feeds, traces, true);
	}

	public FeedsChanged(Set<FeedKey> feeds) {
		this(feeds, Map.of());
	}

}
