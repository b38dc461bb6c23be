package org.syndication.feed.websub;

import java.time.Duration;
import java.time.Instant;

/**
 * A verified subscription.
 *
 * @param topic the feed
 * @param callback where its changes are pushed
 * @param secret the key of the pushes' signatures, or {@code null} for unsigned pushes
 * @param lease how long it lasts from its verification
 * @param expiresAt when it ends unless it is renewed
 */
record Subscription(Topic topic, String callback, String secret, Duration lease, Instant expiresAt) {

}
