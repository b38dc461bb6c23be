package org.syndication.localstack;

import java.util.regex.Pattern;

/**
 * What a partner's name and password may be.
 */
final class PartnerNames {

	/**
	 * Letters, digits, {@code -} and {@code _}, no dot: the name followed by a dot is the
	 * prefix of the partner's consumer groups, and with a dot in a name one partner's
	 * prefix could be the start of another's ({@code acme.} of {@code acme.news.}).
	 */
	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

	private static final int MIN_PASSWORD_LENGTH = 16;

	private PartnerNames() {
	}

	/**
	 * @param name a name
	 * @return whether it has the form of a partner's name
	 */
	static boolean matches(String name) {
		return NAME.matcher(name).matches();
	}

	/**
	 * @param name a would-be partner name
	 * @throws IllegalArgumentException unless it is 1 to 64 lowercase letters, digits,
	 * {@code -} or {@code _}, starting with a letter or digit, and not one of the
	 * system's own users
	 */
	static void requireValid(String name) {
		if (name == null || !matches(name)) {
			throw new IllegalArgumentException("'" + name + "' is not a valid partner name: use 1 to 64 lowercase "
					+ "letters, digits, '-' or '_', starting with a letter or digit. The name is the partner's Kafka "
					+ "user, and followed by a dot the prefix of its consumer groups, so it cannot hold a dot");
		}
		if (KafkaCredentials.USERS.contains(name)) {
			throw new IllegalArgumentException("'" + name + "' is one of the system's own Kafka users "
					+ KafkaCredentials.USERS + ", not a partner");
		}
	}

	/**
	 * @param password a would-be partner password
	 * @return the password
	 * @throws IllegalArgumentException if it is shorter than 16 characters
	 */
	static String requireValidPassword(String password) {
		if (password.length() < MIN_PASSWORD_LENGTH) {
			throw new IllegalArgumentException(
					"A partner's password needs at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		// KafkaUser refuses what cannot go into a JAAS line.
		return password;
	}

}
