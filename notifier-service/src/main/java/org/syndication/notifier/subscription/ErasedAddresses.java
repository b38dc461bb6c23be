package org.syndication.notifier.subscription;

import java.util.HexFormat;

import org.syndication.notifier.DerivedKey;

/**
 * How an erased address stays on the suppression list: as a keyed hash (HMAC-SHA256 with
 * a key derived from the token secret), which tells nobody the address, but recognises it
 * when it subscribes again.
 */
final class ErasedAddresses {

	/** Marks a suppression entry that is a hash, not an address. */
	static final String PREFIX = "erased:";

	private final DerivedKey key;

	ErasedAddresses(String secret) {
		this.key = DerivedKey.of(secret, "erased-addresses");
	}

	/** The suppression key of an erased address. */
	String key(String emailKey) {
		return PREFIX + HexFormat.of().formatHex(this.key.sign(emailKey));
	}

}
