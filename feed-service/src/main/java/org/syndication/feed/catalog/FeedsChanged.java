package org.syndication.feed.catalog;

import java.util.Set;

/**
 * Published after a transaction changed these feeds.
 */
public record FeedsChanged(Set<FeedKey> feeds) {

}
