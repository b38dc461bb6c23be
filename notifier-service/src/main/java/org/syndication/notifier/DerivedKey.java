package org.syndication.notifier;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * A key of its own for one purpose, derived from the notifier's token secret with
 * HMAC-SHA256, so that what one purpose signs can never stand in for another's.
 */
public final class DerivedKey {

	private final byte[] key;

	private DerivedKey(byte[] key) {
		this.key = key;
	}

	/**
	 * @param secret the token secret
	 * @param purpose what the key is for, e.g. {@code return-paths}
	 * @return the key
	 */
	public static DerivedKey of(String secret, String purpose) {
		return new DerivedKey(new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret).hmac(purpose));
	}

	/** The HMAC-SHA256 of the text under this key. */
	public byte[] sign(String data) {
		return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, this.key).hmac(data);
	}

}
