package org.syndication.system;

import java.io.File;
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

/**
 * Scenario 1 against the system as {@code docker-compose.yml} runs it: the services built
 * into images, PostgreSQL, Kafka and Mailpit in containers, on free host ports. Needs a
 * Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeSystemTests {

	private static final String TOKEN = "compose-" + UUID.randomUUID();

	private static final Map<String, Integer> PORTS = ports();

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
				mailpit, new ArticlesTopic(Map.of("bootstrap.servers", "localhost:" + PORTS.get("KAFKA"))));
		checks.loadScenario(new Notifier(local("NOTIFIER"), mailpit), 1000);
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

	private static Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		PORTS.forEach((service, port) -> environment.put("SYNDICATION_" + service + "_PORT", String.valueOf(port)));
		environment.put("SYNDICATION_API_TOKEN", TOKEN);
		environment.put("NOTIFIER_TOKEN_SECRET", "compose-links-" + TOKEN);
		return environment;
	}

}
