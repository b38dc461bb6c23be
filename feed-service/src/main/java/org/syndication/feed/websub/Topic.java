package org.syndication.feed.websub;

import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.rendering.FeedFormat;

/**
 * A feed of this service as a WebSub topic.
 *
 * @param url the topic URL as the subscriber gave it
 * @param canonicalUrl the feed's own URL, which its self links give
 * @param feed the feed
 * @param format its format
 */
record Topic(String url, String canonicalUrl, FeedKey feed, FeedFormat format) {

}
