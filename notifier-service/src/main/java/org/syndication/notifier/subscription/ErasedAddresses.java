package org.syndication.notifier.subscription;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an erased address stays on the suppression list: as a keyed hash (HMAC-SHA256 with
 * a key derived from the token secret), which tells nobody the address, but recognises it
 * when it subscribes again.
 */
final class ErasedAddresses {

	/** Marks a suppression entry that is a hash, not an address. */
	static final String PREFIX = "erased:";

	private final SecretKeySpec key;

	ErasedAddresses(String secret) {
		this.key = new SecretKeySpec(
				hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), "erased-addresses"),
				"HmacSHA256");
	}

	/** The suppression key of an erased address. */
	String key(String emailKey) {
		return PREFIX + HexFormat.of().formatHex(hmac(this.key, emailKey));
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
