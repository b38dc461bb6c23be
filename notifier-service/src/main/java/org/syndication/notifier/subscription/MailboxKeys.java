package org.syndication.notifier.subscription;

import java.util.HexFormat;

import org.syndication.notifier.DerivedKey;

/**
 * A mailbox ({@link Mailbox}) as a keyed hash (HMAC-SHA256 with a key derived from the
 * token secret): what the confirmation cooldown is kept under, so that no address is kept
 * for it.
 */
final class MailboxKeys {

	private final DerivedKey key;

	MailboxKeys(String secret) {
		this.key = DerivedKey.of(secret, "mailbox-cooldown");
	}

	/**
	 * @param email a valid address
	 * @return the key of its mailbox, 64 hexadecimal digits
	 */
	String key(String email) {
		return HexFormat.of().formatHex(this.key.sign(Mailbox.key(email)));
	}

}
