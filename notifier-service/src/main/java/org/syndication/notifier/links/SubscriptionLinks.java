package org.syndication.notifier.links;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.syndication.notifier.NotifierProperties;

import org.springframework.stereotype.Component;

/**
 * The links that go into mails, each carrying a signed token for one purpose, and the
 * reading of those tokens when a link is opened.
 */
@Component
public class SubscriptionLinks {

	private final LinkTokens tokens;

	private final NotifierProperties properties;

	SubscriptionLinks(NotifierProperties properties) {
		this.tokens = new LinkTokens(properties.tokenSecret());
		this.properties = properties;
	}

	/**
	 * The confirmation link of one subscription request.
	 * @param subscriberId the subscriber
	 * @param generation which request of that address it confirms
	 * @param requestedAt when it was asked for; the link expires after the configured
	 * time
	 * @return the absolute URL
	 */
	public String confirmUrl(UUID subscriberId, int generation, Instant requestedAt) {
		return url("confirm", new LinkClaims(LinkPurpose.CONFIRM, subscriberId, generation,
				requestedAt.plus(this.properties.confirmationExpiry())));
	}

	/**
	 * The one-click unsubscribe link (RFC 8058). It does not expire, since mails stay in
	 * mailboxes for years, but it is bound to one subscription of the address: after the
	 * address unsubscribes and subscribes again, or is erased, it does nothing.
	 * @param subscriberId the subscriber
	 * @param generation the subscription it is for
	 * @return the absolute URL
	 */
	public String unsubscribeUrl(UUID subscriberId, int generation) {
		return url("unsubscribe",
				new LinkClaims(LinkPurpose.UNSUBSCRIBE, subscriberId, generation, Instant.MAX.minusSeconds(1)));
	}

	/**
	 * The preference page link, bound to one subscription as the unsubscribe link is, and
	 * working for the configured time after the mail that carries it was queued.
	 * @param subscriberId the subscriber
	 * @param generation the subscription it is for
	 * @param issuedAt when the mail that carries it was queued
	 * @return the absolute URL
	 */
	public String manageUrl(UUID subscriberId, int generation, Instant issuedAt) {
		return url("manage", new LinkClaims(LinkPurpose.MANAGE, subscriberId, generation,
				issuedAt.plus(this.properties.manageLinkExpiry())));
	}

	/**
	 * Reads the token of an opened link.
	 * @param token the token, as the link carried it; may be {@code null}
	 * @param purpose what the page opened is for
	 * @param now the time to check expiry against
	 * @return its claims, if it is well-formed, correctly signed, for this purpose and
	 * not expired
	 */
	public Optional<LinkClaims> verify(String token, LinkPurpose purpose, Instant now) {
		return this.tokens.verify(token, purpose, now);
	}

	private String url(String page, LinkClaims claims) {
		return this.properties.baseUrl() + "/subscriptions/" + page + "?token=" + this.tokens.issue(claims);
	}

}
