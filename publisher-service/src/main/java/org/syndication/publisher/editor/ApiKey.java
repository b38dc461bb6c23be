package org.syndication.publisher.editor;

import java.time.Instant;

/**
 * A named API key as it is kept: its secret only as a SHA-256 digest.
 *
 * @param name the key's name, which stands for its holder in the articles' history
 * @param role what the key may do
 * @param digest the SHA-256 digest of the secret, in hex
 * @param createdAt when it was created
 * @param createdBy who created it
 */
record ApiKey(String name, Role role, String digest, Instant createdAt, String createdBy) {

}
