package org.syndication.feed.rendering;

import java.util.List;

/**
 * Writes one feed format. Input strings are already free of characters XML 1.0 forbids.
 */
interface FeedWriter {

	byte[] write(FeedChannel channel, List<FeedItem> items);

}
