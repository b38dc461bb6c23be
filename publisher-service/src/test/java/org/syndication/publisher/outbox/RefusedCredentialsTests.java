package org.syndication.publisher.outbox;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.localstack.KafkaUser;
import org.syndication.publisher.TestApi;
import org.syndication.publisher.TopicReader;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.syndication.publisher.TestApi.article;
import static org.syndication.publisher.TestApi.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The publisher with a password Kafka does not know, from the start and then again while
 * it runs: it keeps accepting articles, says plainly and once why nothing reaches Kafka,
 * is not ready, and catches up as soon as Kafka accepts the credential.
 */
@SpringBootTest(properties = { "publisher.api-token=" + TestApi.TOKEN,
		"spring.datasource.url=jdbc:h2:mem:publisher-refused;DB_CLOSE_DELAY=-1",
		"publisher.outbox.max-retry-interval=1s" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefusedCredentialsTests {

	private static final String PASSWORD = "the-password-of-this-test-" + UUID.randomUUID();

	private static final Pattern REFUSED = Pattern
		.compile("Kafka refused the credentials of user 'publisher-service': Authentication failed");

	// Connected clients must authenticate again this often: a password changed on the
	// broker ends their sessions within it.
	private static final Duration SESSION_LIFETIME = Duration.ofSeconds(3);

	private static KafkaBrokerProcess broker;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) throws Exception {
		broker = KafkaBrokerProcess.onFreePorts(Files.createTempDirectory("publisher-refused-kafka"), SESSION_LIFETIME);
		broker.start();
		registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
		// Not the password Kafka has for the publisher's user.
		registry.add("spring.kafka.properties.sasl.jaas.config",
				() -> new KafkaUser(KafkaCredentials.PUBLISHER, PASSWORD).jaasConfig());
	}

	@AfterAll
	static void stopKafka() {
		broker.close();
	}

	@Test
	@Order(1)
	void aRefusedCredentialIsSaidOnceFailsReadinessAndLosesNothing(CapturedOutput output) throws Exception {
		createArticles(3);
		await().atMost(Duration.ofSeconds(30)).until(() -> failures() >= 5);
		assertNotReady();
		// One line from the relay, one from the readiness check, however often they
		// tried.
		assertThat(count(REFUSED, output.getAll())).isEqualTo(2);
		assertThat(output.getAll()).contains("Outbox message 1 and every later one wait until then.");
		// Spring Kafka's own attempt at start-up, and no more.
		assertThat(count(Pattern.compile("Could not configure topics"), output.getAll())).isEqualTo(1);

		// The operator gives Kafka the password the service has.
		setPublisherPassword(PASSWORD);
		try (TopicReader topic = adminReader()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll().size() == 3);
		}
		assertReady();
		assertThat(output.getAll()).contains("Kafka confirms outbox messages again")
			.contains("Kafka answers and accepts this service's credentials again");
	}

	@Test
	@Order(2)
	void aCredentialRefusedWhileConnectedIsSaidWithoutAStackTracePerMessage(CapturedOutput output) throws Exception {
		setPublisherPassword(PASSWORD);
		assertReady();
		int eventsBefore;
		try (TopicReader topic = adminReader()) {
			createArticles(1);
			await().atMost(Duration.ofSeconds(30)).until(() -> !topic.poll().isEmpty());
			eventsBefore = topicSize();
		}

		// Kafka no longer knows the password: connected sessions end at their next
		// authentication.
		int logged = output.getAll().length();
		setPublisherPassword("another-password-" + UUID.randomUUID());
		double failuresBefore = failures();
		createArticles(2);
		// The relay's sends stay with the producer, which retries them itself; the relay
		// waits for their answer rather than sending them again.
		await().atMost(Duration.ofSeconds(60)).until(() -> failures() >= failuresBefore + 1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(this::assertNotReady);
		String since = output.getAll().substring(logged);
		assertThat(count(REFUSED, since)).isBetween(1, 2);
		assertThat(since).doesNotContain("Exception thrown when sending a message");

		setPublisherPassword(PASSWORD);
		await().atMost(Duration.ofSeconds(30)).until(() -> topicSize() == eventsBefore + 2);
		assertReady();
	}

	private void createArticles(int count) throws Exception {
		for (int i = 0; i < count; i++) {
			this.mvc.perform(post(article())).andExpect(status().isCreated());
		}
	}

	private void assertNotReady() throws Exception {
		this.mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.components.kafka.status").value("DOWN"));
	}

	private void assertReady() {
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk()));
	}

	private static void setPublisherPassword(String password) throws Exception {
		try (Admin admin = Admin.create(broker.clientConfig(KafkaCredentials.ADMIN))) {
			admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(KafkaCredentials.PUBLISHER,
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
				.all()
				.get();
		}
	}

	private static TopicReader adminReader() {
		return new TopicReader(with(broker.clientConfig(KafkaCredentials.ADMIN), ConsumerConfig.GROUP_ID_CONFIG,
				"refused-test-" + UUID.randomUUID()));
	}

	private static int topicSize() {
		try (TopicReader topic = adminReader()) {
			List<TopicReader.Received> read = List.of();
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (System.nanoTime() < deadline) {
				read = topic.poll();
			}
			return read.size();
		}
	}

	private double failures() {
		return this.meters.get("outbox.send.failures").counter().count();
	}

	private static int count(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private static Map<String, Object> with(Map<String, Object> config, String key, Object value) {
		Map<String, Object> all = new HashMap<>(config);
		all.put(key, value);
		return all;
	}

}
