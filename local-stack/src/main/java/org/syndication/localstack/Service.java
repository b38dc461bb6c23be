package org.syndication.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service of the system as the local stack runs it: {@code java -jar
 * <name>/target/<name>.jar} on its port, with its own environment.
 *
 * @param name the module, artifact and jar name
 * @param port its HTTP port
 * @param environment what it needs beyond what every service gets
 */
record Service(String name, int port, Map<String, String> environment) {

	static final String LOOPBACK = "127.0.0.1";

	static final String KAFKA = "127.0.0.1:9092";

	static final int SMTP_PORT = 3025;

	static final int IMAP_PORT = 3143;

	/** The local bounce mailbox. */
	static final String BOUNCES = "bounces@localhost";

	/**
	 * Every service, in start order. The first starts alone, because it creates the
	 * articles topic that the others consume; the rest start together. The API token also
	 * opens every service's metrics.
	 */
	static List<Service> all(String apiToken) {
		return List.of(
				new Service("publisher-service", 8081,
						Map.of("PUBLISHER_API_TOKEN", apiToken, "PUBLISHER_PUBLIC_BASE_URL", "http://localhost:8081")),
				// Its WebSub hub calls subscribers on this machine, so that the hub can
				// be tried here; it refuses loopback callbacks by default.
				new Service("feed-service", 8082,
						Map.of("FEED_PUBLIC_BASE_URL", "http://localhost:8082", "FEED_MANAGEMENT_TOKEN", apiToken,
								"FEED_WEBSUB_ALLOW_LOOPBACK", "true", "FEED_WEBSUB_SECRET_KEYS",
								"local:" + derivedKey("local-stack-websub-" + apiToken))),
				// The link-signing key is derived from the kept API token, so links in
				// mails
				// already sent keep working after a restart of the local stack.
				// Bounces go to the local mail server's bounces@localhost, whose mailbox
				// the notifier reads over IMAP (the address is login and password there).
				new Service("notifier-service", 8083,
						Map.ofEntries(Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
								Map.entry("SPRING_MAIL_PORT", String.valueOf(SMTP_PORT)),
								Map.entry("NOTIFIER_PUBLIC_BASE_URL", "http://localhost:8083"),
								Map.entry("NOTIFIER_TOKEN_SECRET", "local-stack-links-" + apiToken),
								Map.entry("NOTIFIER_MANAGEMENT_TOKEN", apiToken),
								Map.entry("NOTIFIER_BOUNCES_ADDRESS", BOUNCES),
								Map.entry("NOTIFIER_BOUNCES_IMAP_HOST", "127.0.0.1"),
								Map.entry("NOTIFIER_BOUNCES_IMAP_PORT", String.valueOf(IMAP_PORT)),
								Map.entry("NOTIFIER_BOUNCES_IMAP_SSL", "false"),
								Map.entry("NOTIFIER_BOUNCES_IMAP_USERNAME", BOUNCES),
								Map.entry("NOTIFIER_BOUNCES_IMAP_PASSWORD", BOUNCES))),
				// Routes the articles into the packages that partners hold; it waits for
				// the articles topic, which the publisher creates.
				new Service("packages-service", 8084, Map.of("PACKAGES_MANAGEMENT_TOKEN", apiToken)));
	}

	Path jar(Path projectDir) {
		return projectDir.resolve(this.name).resolve("target").resolve(this.name + ".jar");
	}

	/**
	 * The whole environment without tracing: what every service gets, then its own.
	 * @param kafkaCredentials the passwords of the Kafka users; each service has its own
	 */
	Map<String, String> fullEnvironment(Path dataDir, KafkaCredentials kafkaCredentials) {
		return fullEnvironment(dataDir, kafkaCredentials, Optional.empty());
	}

	/**
	 * The whole environment: what every service gets, then its own.
	 * @param kafkaCredentials the passwords of the Kafka users; each service has its own
	 * @param zipkinSpans where to send spans, if anywhere: then every request and event
	 * is traced, as on a machine of one's own nothing is too much
	 */
	Map<String, String> fullEnvironment(Path dataDir, KafkaCredentials kafkaCredentials, Optional<String> zipkinSpans) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("SERVER_PORT", String.valueOf(this.port));
		// On this machine's loopback only, like Kafka and the mail server: the hub here
		// may call loopback callbacks, and nothing here is meant for the network. Set
		// SERVER_ADDRESS (0.0.0.0, say) to listen elsewhere.
		all.put("SERVER_ADDRESS", System.getenv().getOrDefault("SERVER_ADDRESS", LOOPBACK));
		all.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", KAFKA);
		all.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", KAFKA);
		all.putAll(kafkaCredentials.user(this.name).springEnvironment());
		// Its own H2 file database, so that data survives a restart like Kafka's does;
		// the packages service has none: its state is in Kafka, with a copy on disk.
		if (this.name.equals(KafkaCredentials.PACKAGES)) {
			all.put("PACKAGES_STATE_DIR", dataDir.resolve(this.name).resolve("state").toAbsolutePath().toString());
		}
		else {
			all.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dataDir.resolve(this.name).resolve("db").toAbsolutePath()
					+ ";AUTO_SERVER=FALSE;WRITE_DELAY=0");
		}
		zipkinSpans.ifPresent((endpoint) -> {
			all.put("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", endpoint);
			all.put("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
		});
		all.putAll(this.environment);
		return all;
	}

	String readinessUrl() {
		return "http://127.0.0.1:" + this.port + "/actuator/health/readiness";
	}

	/**
	 * A 256-bit key derived from a value the local stack keeps, so that what it sealed
	 * opens again after a restart; for this machine only.
	 */
	static String derivedKey(String from) {
		try {
			return Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(from.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
