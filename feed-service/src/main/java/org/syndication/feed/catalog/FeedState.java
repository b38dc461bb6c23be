package org.syndication.feed.catalog;

import java.time.Instant;

/**
 * A feed that exists: its display name, its revision and its newest change.
 */
public record FeedState(String storageKey, String name, long revision, Instant updatedAt) {

	public FeedKey key() {
		return FeedKey.fromStorageKey(this.storageKey).orElseThrow();
	}

}
