package org.syndication.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The passwords of the users a cluster is started with: the brokers themselves, an
 * administrator, and one user per service. Partners are added later, on the running
 * cluster (see {@link Partners}).
 *
 * @param passwords by user name: every one of {@link #USERS}, and maybe others
 */
public record KafkaCredentials(Map<String, String> passwords) {

	/** The brokers, between each other and towards the controllers. A super user. */
	public static final String BROKER = "broker";

	/** Operators and the local stack itself. A super user. */
	public static final String ADMIN = "admin";

	public static final String PUBLISHER = "publisher-service";

	public static final String FEED = "feed-service";

	public static final String NOTIFIER = "notifier-service";

	public static final String PACKAGES = "packages-service";

	/** Every user a cluster is started with, none of them a partner. */
	public static final List<String> USERS = List.of(BROKER, ADMIN, PUBLISHER, FEED, NOTIFIER, PACKAGES);

	public KafkaCredentials {
		passwords = Map.copyOf(passwords);
		for (String user : USERS) {
			if (!passwords.containsKey(user)) {
				throw new IllegalArgumentException("No Kafka password for " + user);
			}
		}
	}

	/**
	 * New random passwords for every user, for a cluster that lives as long as a test.
	 * @return the credentials
	 */
	public static KafkaCredentials generate() {
		Map<String, String> passwords = new LinkedHashMap<>();
		USERS.forEach((user) -> passwords.put(user, ApiToken.generate()));
		return new KafkaCredentials(passwords);
	}

	/**
	 * The passwords kept in {@code file}, generated and written there (readable by its
	 * owner only) the first time; further users the file names, such as the local stack's
	 * demo partner, are generated and kept alike.
	 * @param file a properties file, user name to password
	 * @param extraUsers users to keep a password for beyond {@link #USERS}
	 * @return the credentials
	 */
	static KafkaCredentials keptIn(Path file, List<String> extraUsers) {
		Properties kept = new Properties();
		try {
			if (Files.exists(file)) {
				try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
					kept.load(reader);
				}
			}
			Map<String, String> passwords = new LinkedHashMap<>();
			boolean generated = false;
			for (String user : Stream.concat(USERS.stream(), extraUsers.stream()).distinct().toList()) {
				String password = kept.getProperty(user, "").strip();
				if (password.isEmpty()) {
					password = ApiToken.generate();
					generated = true;
				}
				passwords.put(user, password);
			}
			if (generated) {
				StringBuilder text = new StringBuilder(
						"# SCRAM-SHA-512 passwords of the Kafka users, generated once by the local stack. Keep private.")
					.append(System.lineSeparator());
				passwords.forEach((user,
						password) -> text.append(user).append('=').append(password).append(System.lineSeparator()));
				Files.createDirectories(file.getParent());
				Files.writeString(file, text, StandardCharsets.UTF_8);
				ApiToken.restrictToOwner(file);
			}
			return new KafkaCredentials(passwords);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the Kafka credentials in " + file, ex);
		}
	}

	/**
	 * @param name one of the users
	 * @return that user with its password
	 */
	public KafkaUser user(String name) {
		String password = this.passwords.get(name);
		if (password == null) {
			throw new IllegalArgumentException("No Kafka password for " + name);
		}
		return new KafkaUser(name, password);
	}

	public KafkaUser broker() {
		return user(BROKER);
	}

	public KafkaUser admin() {
		return user(ADMIN);
	}

	@Override
	public String toString() {
		return "KafkaCredentials" + USERS;
	}

}
