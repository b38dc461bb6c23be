package org.syndication.notifier.links;

import java.time.Instant;
import java.util.UUID;

/**
 * What a link's token says.
 *
 * @param purpose what the link is for
 * @param subscriberId whose link it is
 * @param generation which subscription of the address the link is for: a link from an
 * earlier subscription cannot confirm, change or end a later one. Unsubscribe and
 * preference links made before links were bound to a subscription carry {@link #UNBOUND}
 * @param expiresAt after this the token is refused
 */
public record LinkClaims(LinkPurpose purpose, UUID subscriberId, int generation, Instant expiresAt) {

	/** The generation of links that are bound to no subscription; none are made now. */
	public static final int UNBOUND = 0;

}
