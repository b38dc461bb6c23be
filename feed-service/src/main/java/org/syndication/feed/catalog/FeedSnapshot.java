package org.syndication.feed.catalog;

import java.time.Instant;
import java.util.List;

import org.syndication.feed.rendering.FeedItem;

/**
 * What one feed holds at one revision, newest first.
 */
public record FeedSnapshot(FeedKey key, String name, long revision, Instant updatedAt, List<FeedItem> items) {

}
