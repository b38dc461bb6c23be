package org.syndication.feed.catalog;

import java.time.YearMonth;
import java.util.List;

import org.syndication.feed.rendering.FeedItem;

/**
 * Every live item of a feed published in one month, newest first: an archive document.
 *
 * @param revision the feed's revision when it was read
 * @param previous the month before it that has items, or {@code null}
 * @param next the month after it that has items, or {@code null}
 */
public record FeedArchive(FeedKey key, String name, long revision, YearMonth month, List<FeedItem> items,
		YearMonth previous, YearMonth next) {

}
