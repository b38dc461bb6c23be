package org.syndication.feed.websub;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a push carries when the subscriber gave a secret (WebSub 8): the body's
 * HMAC-SHA256 under that secret, so that the subscriber can tell the hub's pushes from
 * forged ones.
 */
final class PushSignature {

	static final String HEADER = "X-Hub-Signature";

	private PushSignature() {
	}

	/** The header's value for a body under a subscriber's secret. */
	static String of(String secret, byte[] body) {
		return "sha256=" + hmac(secret, body);
	}

	/** The hex HMAC-SHA256 of a body under a subscriber's secret. */
	private static String hmac(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
