package org.syndication.notifier.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.commons.codec.binary.Base32;
import org.syndication.notifier.DerivedKey;

/**
 * A return path of its own for every mail (VERP): {@code bounces+<delivery>-<tag>@domain}
 * for a bounce address {@code bounces@domain}. A bounce that arrives at it names the
 * delivery it is about, whatever the receiving server wrote in it; the tag, an HMAC of
 * the delivery, lets no one else name one, so a forged report cannot suppress an address.
 */
public final class ReturnPaths {

	private static final int TAG_BYTES = 10;

	private static final ReturnPaths NONE = new ReturnPaths(null, null, null);

	private final String localPart;

	private final String domain;

	private final DerivedKey key;

	private final Pattern verp;

	private ReturnPaths(String localPart, String domain, DerivedKey key) {
		this.localPart = localPart;
		this.domain = domain;
		this.key = key;
		this.verp = (localPart != null)
				? Pattern.compile(
						"(?i)" + Pattern.quote(localPart) + "\\+([0-9]{1,19})-([a-z2-7]{16})@" + Pattern.quote(domain))
				: null;
	}

	/** No return path of their own: mails go out with the From address as sender. */
	public static ReturnPaths none() {
		return NONE;
	}

	/**
	 * @param bounceAddress the mailbox that receives bounces, {@code local@domain}, or
	 * blank for none
	 * @param secret the key the tags are made with; at least 32 characters
	 * @throws IllegalArgumentException if the address is not a plain address
	 */
	public static ReturnPaths of(String bounceAddress, String secret) {
		if (bounceAddress == null || bounceAddress.isBlank()) {
			return NONE;
		}
		String address;
		try {
			InternetAddress parsed = new InternetAddress(bounceAddress.strip(), true);
			address = parsed.getAddress();
			if (parsed.getPersonal() != null) {
				throw new AddressException("a display name");
			}
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException(
					"The bounce address must be a plain address, local@domain, not '" + bounceAddress + "'", ex);
		}
		int at = address.lastIndexOf('@');
		if (at < 1 || address.indexOf('+') >= 0 || address.length() - at - 1 < 1) {
			throw new IllegalArgumentException(
					"The bounce address must be local@domain without '+', not '" + bounceAddress + "'");
		}
		return new ReturnPaths(address.substring(0, at), address.substring(at + 1).toLowerCase(Locale.ROOT),
				DerivedKey.of(secret, "return-paths"));
	}

	/** Whether mails get a return path of their own. */
	public boolean enabled() {
		return this.key != null;
	}

	/** What the return paths look like, for the log. */
	public String shape() {
		return (this.key != null) ? this.localPart + "+<delivery>-<tag>@" + this.domain : "none";
	}

	/** The return path of a delivery's mail, if return paths are on. */
	public Optional<String> of(long delivery) {
		if (this.key == null) {
			return Optional.empty();
		}
		return Optional.of(this.localPart + "+" + delivery + "-" + tag(delivery) + "@" + this.domain);
	}

	/**
	 * The delivery an address is the return path of.
	 * @param address any address, with or without angle brackets
	 * @return the delivery, if the address is one of these return paths with a right tag
	 */
	public OptionalLong delivery(String address) {
		if (this.verp == null || address == null) {
			return OptionalLong.empty();
		}
		Matcher matcher = this.verp.matcher(address);
		while (matcher.find()) {
			long delivery;
			try {
				delivery = Long.parseLong(matcher.group(1));
			}
			catch (NumberFormatException ex) {
				continue;
			}
			if (MessageDigest.isEqual(tag(delivery).getBytes(StandardCharsets.US_ASCII),
					matcher.group(2).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
				return OptionalLong.of(delivery);
			}
		}
		return OptionalLong.empty();
	}

	private String tag(long delivery) {
		byte[] mac = this.key.sign("bounce:" + delivery);
		// Base32 in lower case: local parts may lose their case on the way back. Ten
		// bytes are sixteen characters, without padding.
		return new Base32().encodeAsString(Arrays.copyOf(mac, TAG_BYTES)).toLowerCase(Locale.ROOT);
	}

}
