package org.syndication.feed.websub;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * The signature a push carries when the subscriber gave a secret (WebSub 8): the body's
 * HMAC-SHA256 under that secret, so that the subscriber can tell the hub's pushes from
 * forged ones.
 */
final class PushSignature {

	static final String HEADER = "X-Hub-Signature";

	private PushSignature() {
	}

	/**
	 * The header's value for a body under a subscriber's secret: {@code sha256=} and the
	 * body's hex HMAC-SHA256.
	 */
	static String of(String secret, byte[] body) {
		return "sha256=" + new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret).hmacHex(body);
	}

}
