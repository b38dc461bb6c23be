package org.syndication.notifier.bounce;

import java.util.UUID;

/**
 * A subscriber's address must not be mailed again, published in the transaction that
 * applies the report that says so.
 *
 * @param subscriberId the subscriber
 * @param reason why, for the suppression list: {@code bounced} or {@code complained}
 * @param unsubscribe whether the subscription ends too, as after a complaint
 */
public record AddressSuppressed(UUID subscriberId, String reason, boolean unsubscribe) {

}
