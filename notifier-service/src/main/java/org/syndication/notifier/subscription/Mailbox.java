package org.syndication.notifier.subscription;

import java.util.Locale;

/**
 * The mailbox an address reaches, for counting what is sent to it: the spellings of one
 * mailbox ({@code Name@Example.org}, {@code name+news@example.org},
 * {@code "name"@example.org}) are one mailbox. Only for limits: mail still goes to the
 * address as it was given.
 */
final class Mailbox {

	private Mailbox() {
	}

	/**
	 * @param email a valid address
	 * @return its mailbox: the local part unquoted, without its {@code +} subaddress and
	 * in lower case, as nearly every mail server treats it, and the domain in lower case
	 */
	static String key(String email) {
		String address = email.strip();
		int at = address.lastIndexOf('@');
		String local = (at >= 0) ? address.substring(0, at) : address;
		String domain = (at >= 0) ? address.substring(at + 1) : "";
		if (local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")) {
			// A quoted local part: the quotes and the backslashes of its quoted pairs are
			// only syntax (RFC 5322, section 3.2.4).
			local = local.substring(1, local.length() - 1).replaceAll("\\\\(.)", "$1");
		}
		int plus = local.indexOf('+');
		if (plus > 0) {
			local = local.substring(0, plus);
		}
		return local.toLowerCase(Locale.ROOT) + "@" + domain.toLowerCase(Locale.ROOT);
	}

}
