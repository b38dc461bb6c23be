package org.syndication.notifier.subscription;

import java.time.Instant;
import java.util.UUID;

import org.syndication.notifier.NotifierProperties;

import org.springframework.stereotype.Component;

/**
 * The links that go into mails, each carrying a signed token for one purpose.
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
		return url("confirm", new LinkTokens.Claims(LinkTokens.Purpose.CONFIRM, subscriberId, generation,
				requestedAt.plus(this.properties.confirmationExpiry())));
	}

	/** The one-click unsubscribe link (RFC 8058); it does not expire. */
	public String unsubscribeUrl(UUID subscriberId) {
		return url("unsubscribe",
				new LinkTokens.Claims(LinkTokens.Purpose.UNSUBSCRIBE, subscriberId, 0, Instant.MAX.minusSeconds(1)));
	}

	/** The preference page link; it does not expire. */
	public String manageUrl(UUID subscriberId) {
		return url("manage",
				new LinkTokens.Claims(LinkTokens.Purpose.MANAGE, subscriberId, 0, Instant.MAX.minusSeconds(1)));
	}

	LinkTokens tokens() {
		return this.tokens;
	}

	private String url(String page, LinkTokens.Claims claims) {
		return this.properties.baseUrl() + "/subscriptions/" + page + "?token=" + this.tokens.issue(claims);
	}

}
