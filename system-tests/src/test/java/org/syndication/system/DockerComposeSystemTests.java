package org.syndication.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.syndication.localstack.FreePorts;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.localstack.KafkaUser;

/**
 * Scenario 1 against the system as {@code docker-compose.yml} runs it: the services built
 * into images, PostgreSQL, Kafka and Mailpit in containers, on free host ports, with
 * Kafka passwords of its own. Needs a Docker engine.
 * <p>
 * The test reads the topic as the administrator on the one Kafka listener the file
 * publishes (SASL_SSL), trusting the authority that the kafka-tls service creates in a
 * directory under {@code target/}.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeSystemTests {

	private static final String TOKEN = "compose-" + UUID.randomUUID();

	private static final Map<String, Integer> PORTS = ports();

	private static final Path KAFKA_TLS = Path.of("target", "compose-kafka-tls-" + UUID.randomUUID()).toAbsolutePath();

	/** Kafka passwords by variable, none of them the file's defaults. */
	private static final Map<String, String> KAFKA_PASSWORDS = kafkaPasswords();

	@Container
	static final ComposeContainer compose = new ComposeContainer(new File("../docker-compose.yml")).withBuild(true)
		.withEnv(environment())
		.waitingFor("publisher-service", Wait.forHealthcheck())
		.waitingFor("feed-service", Wait.forHealthcheck())
		.waitingFor("notifier-service", Wait.forHealthcheck())
		.withStartupTimeout(Duration.ofMinutes(15));

	@Test
	void thousandArticlesFromConcurrentClientsReachEveryFeedEveryMatchingSubscriberAndEveryPartnerOnce() {
		Mailbox mailpit = new MailpitMailbox(local("MAILPIT"));
		SystemChecks checks = new SystemChecks(new Publisher(local("PUBLISHER"), TOKEN), new Feeds(local("FEED")),
				mailpit, new ArticlesTopic(kafkaAdminConfig()));
		checks.loadScenario(new Notifier(local("NOTIFIER"), mailpit, TOKEN), 1000);
	}

	private static Endpoint local(String service) {
		return Endpoint.at("http://localhost:" + PORTS.get(service));
	}

	private static Map<String, Integer> ports() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String service : new String[] { "KAFKA", "PUBLISHER", "FEED", "NOTIFIER", "MAILPIT", "MAILPIT_SMTP" }) {
			ports.put(service, FreePorts.find());
		}
		return ports;
	}

	/**
	 * The administrator on the published listener: SASL_SSL, trusting the certificate
	 * authority of kafka-tls.
	 */
	private static Map<String, Object> kafkaAdminConfig() {
		Map<String, Object> config = new LinkedHashMap<>(
				new KafkaUser(KafkaCredentials.ADMIN, KAFKA_PASSWORDS.get("SYNDICATION_KAFKA_ADMIN_PASSWORD"))
					.clientConfig("localhost:" + PORTS.get("KAFKA")));
		config.put("security.protocol", "SASL_SSL");
		config.put("ssl.truststore.type", "PEM");
		config.put("ssl.truststore.location", KAFKA_TLS.resolve("ca.pem").toString());
		return config;
	}

	private static Map<String, String> kafkaPasswords() {
		Map<String, String> passwords = new LinkedHashMap<>();
		for (String user : new String[] { "BROKER", "ADMIN", "PUBLISHER", "FEED", "NOTIFIER", "TLS" }) {
			// Letters, digits and dashes: what the compose scripts accept.
			passwords.put("SYNDICATION_KAFKA_" + user + "_PASSWORD", "compose-" + UUID.randomUUID());
		}
		return passwords;
	}

	private static Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		PORTS.forEach((service, port) -> environment.put("SYNDICATION_" + service + "_PORT", String.valueOf(port)));
		environment.put("SYNDICATION_API_TOKEN", TOKEN);
		environment.put("NOTIFIER_TOKEN_SECRET", "compose-links-" + TOKEN);
		environment.putAll(KAFKA_PASSWORDS);
		try {
			// Created here, so that this build can delete what kafka-tls (as root) writes
			// into it.
			Files.createDirectories(KAFKA_TLS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		environment.put("SYNDICATION_KAFKA_TLS_DIR", KAFKA_TLS.toString());
		return environment;
	}

}
