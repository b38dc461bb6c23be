package org.syndication.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka users of the local stack's data directory: their passwords, kept there, the
 * demo's partners and package, and the client configurations it writes for Kafka's tools.
 */
final class LocalKafkaUsers {

	/** The partner whose client configuration the local stack writes. */
	static final String DEMO_PARTNER = "partner";

	/** The package that {@code --demo} defines: the articles in the category sport. */
	static final String DEMO_PACKAGE = "sport";

	/** The partner that {@code --demo} adds, holding only {@link #DEMO_PACKAGE}. */
	static final String DEMO_PACKAGE_PARTNER = "sportdesk";

	static final String CREDENTIALS_FILE = "credentials.properties";

	private final Path dataDir;

	private final KafkaCredentials credentials;

	/**
	 * @param dataDir the local stack's data directory
	 * @param credentials the passwords kept in it ({@link #kafkaCredentials(Path)})
	 */
	LocalKafkaUsers(Path dataDir, KafkaCredentials credentials) {
		this.dataDir = dataDir;
		this.credentials = credentials;
	}

	/**
	 * The Kafka users' passwords kept in the data directory, generated on the first start
	 * along with the broker's storage.
	 * @param dataDir the local stack's data directory
	 * @return the credentials, the demo partner's included
	 * @throws IllegalStateException if the broker's storage exists without them: it was
	 * formatted before Kafka required credentials
	 */
	static KafkaCredentials kafkaCredentials(Path dataDir) {
		Path kafka = dataDir.resolve("kafka");
		Path file = kafka.resolve(CREDENTIALS_FILE);
		if (!Files.exists(file) && Files.exists(kafka.resolve("kraft-combined-logs").resolve("meta.properties"))) {
			throw new IllegalStateException(kafka + " holds a Kafka broker's data from before Kafka required "
					+ "credentials, and no " + CREDENTIALS_FILE + ". Delete " + kafka + " to start afresh: the "
					+ "articles stay in the publisher's database, but the topic's events and the consumer offsets go.");
		}
		return KafkaCredentials.keptIn(file, List.of(DEMO_PARTNER, DEMO_PACKAGE_PARTNER));
	}

	/**
	 * @param dataDir a data directory of the local stack
	 * @return where the demo partner's client configuration is in it
	 */
	static Path partnerConfigFile(Path dataDir) {
		return partnerConfigFile(dataDir, DEMO_PARTNER);
	}

	/**
	 * @param dataDir a data directory of the local stack
	 * @param partner one of the partners the local stack keeps
	 * @return where that partner's client configuration is in it
	 */
	static Path partnerConfigFile(Path dataDir, String partner) {
		return dataDir.resolve("kafka").resolve(partner + ".properties");
	}

	Path partnerConfigFile() {
		return partnerConfigFile(this.dataDir);
	}

	Path adminConfigFile() {
		return this.dataDir.resolve("kafka").resolve("admin.properties");
	}

	/**
	 * The demo partner, with its kept password, and the client configurations of it and
	 * of the administrator, ready for Kafka's tools.
	 * @param adminConfig the administrator's client settings
	 */
	void grantDemoPartner(Map<String, Object> adminConfig) {
		KafkaUser partner = this.credentials.user(DEMO_PARTNER);
		try (Admin admin = Admin.create(adminConfig)) {
			new Partners(admin).grant(partner);
		}
		writePrivately(partnerConfigFile(), partner.clientPropertiesFile(Service.KAFKA));
		writePrivately(adminConfigFile(), this.credentials.admin().clientPropertiesFile(Service.KAFKA));
	}

	/**
	 * The demo's package and its partner: defines {@value #DEMO_PACKAGE} (the category
	 * sport) unless it exists, gives {@value #DEMO_PACKAGE_PARTNER} its kept password and
	 * that package only, and writes its client configuration.
	 * @param adminConfig the administrator's client settings
	 * @return where the partner's client configuration is
	 */
	Path addDemoPackage(Map<String, Object> adminConfig) {
		KafkaUser partner = this.credentials.user(DEMO_PACKAGE_PARTNER);
		try (Admin admin = Admin.create(adminConfig)) {
			Packages packages = Packages.asAdministrator(admin, adminConfig);
			if (!packages.exists(DEMO_PACKAGE)) {
				packages.add(new Packages.Definition(DEMO_PACKAGE, List.of(DEMO_PACKAGE), List.of(), List.of(), null));
			}
			new Partners(admin, packages::exists).grant(partner, List.of(DEMO_PACKAGE));
		}
		Path file = partnerConfigFile(this.dataDir, DEMO_PACKAGE_PARTNER);
		writePrivately(file, partner.clientPropertiesFile(Service.KAFKA));
		return file;
	}

	private static void writePrivately(Path file, String text) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
			ApiToken.restrictToOwner(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
