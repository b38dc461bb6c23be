package org.syndication.notifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key of its own for one purpose, derived from the notifier's token secret with
 * HMAC-SHA256, so that what one purpose signs can never stand in for another's.
 */
public final class DerivedKey {

	private final SecretKeySpec key;

	private DerivedKey(byte[] key) {
		this.key = new SecretKeySpec(key, "HmacSHA256");
	}

	/**
	 * @param secret the token secret
	 * @param purpose what the key is for, e.g. {@code return-paths}
	 * @return the key
	 */
	public static DerivedKey of(String secret, String purpose) {
		return new DerivedKey(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), purpose));
	}

	/** The HMAC-SHA256 of the text under this key. */
	public byte[] sign(String data) {
		return hmac(this.key, data);
	}

	private static byte[] hmac(SecretKeySpec key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
