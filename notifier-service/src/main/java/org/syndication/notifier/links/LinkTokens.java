package org.syndication.notifier.links;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * Signed, single-purpose link tokens: a confirmation token cannot unsubscribe and an
 * unsubscribe token cannot confirm, since the purpose is inside what is signed. The
 * signature is a 128-bit truncated HMAC-SHA256, so tokens cannot be guessed or forged,
 * and nothing secret has to be stored per subscriber.
 */
final class LinkTokens {

	private static final int MAC_BYTES = 16;

	private static final int BODY_BYTES = 1 + 16 + 4 + 8;

	private final byte[] key;

	LinkTokens(String secret) {
		this.key = secret.getBytes(StandardCharsets.UTF_8);
	}

	String issue(LinkClaims claims) {
		ByteBuffer body = ByteBuffer.allocate(BODY_BYTES + MAC_BYTES);
		body.put((byte) claims.purpose().ordinal());
		body.putLong(claims.subscriberId().getMostSignificantBits());
		body.putLong(claims.subscriberId().getLeastSignificantBits());
		body.putInt(claims.generation());
		body.putLong(claims.expiresAt().getEpochSecond());
		body.put(mac(body.array(), BODY_BYTES));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
	}

	/**
	 * Reads a token.
	 * @return its claims, if it is well-formed, correctly signed, for the expected
	 * purpose and not expired
	 */
	Optional<LinkClaims> verify(String token, LinkPurpose expected, Instant now) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (bytes.length != BODY_BYTES + MAC_BYTES || !MessageDigest.isEqual(mac(bytes, BODY_BYTES),
				Arrays.copyOfRange(bytes, BODY_BYTES, bytes.length))) {
			return Optional.empty();
		}
		ByteBuffer body = ByteBuffer.wrap(bytes);
		int purpose = body.get();
		if (purpose != expected.ordinal()) {
			return Optional.empty();
		}
		LinkClaims claims = new LinkClaims(expected, new UUID(body.getLong(), body.getLong()), body.getInt(),
				Instant.ofEpochSecond(body.getLong()));
		return claims.expiresAt().isBefore(now) ? Optional.empty() : Optional.of(claims);
	}

	private byte[] mac(byte[] data, int length) {
		// A Mac is not safe to share between threads: one per token, as cheap as the
		// token.
		return Arrays.copyOf(
				new HmacUtils(HmacAlgorithms.HMAC_SHA_256, this.key).hmac(ByteBuffer.wrap(data, 0, length)), MAC_BYTES);
	}

}
