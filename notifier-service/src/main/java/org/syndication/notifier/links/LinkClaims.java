package org.syndication.notifier.links;

import java.time.Instant;
import java.util.UUID;

/**
 * What a link's token says.
 *
 * @param purpose what the link is for
 * @param subscriberId whose link it is
 * @param generation which subscription of the address a confirmation is for: a link from
 * an earlier, abandoned request cannot confirm a later one
 * @param expiresAt after this the token is refused
 */
public record LinkClaims(LinkPurpose purpose, UUID subscriberId, int generation, Instant expiresAt) {

}
