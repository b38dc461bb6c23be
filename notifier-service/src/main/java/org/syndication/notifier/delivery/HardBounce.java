package org.syndication.notifier.delivery;

import java.util.UUID;

/**
 * Published when the SMTP server refused a mail for good (a 5xx): what that means for the
 * address is the subscriptions' business, not the dispatcher's.
 *
 * @param subscriberId the subscriber the mail was for
 */
public record HardBounce(UUID subscriberId) {

}
