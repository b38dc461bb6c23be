package org.syndication.publisher.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvent;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.publisher.TestApi;
import org.syndication.publisher.TopicReader;
import org.syndication.publisher.TopicReader.Received;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.syndication.publisher.TestApi.article;
import static org.syndication.publisher.TestApi.post;
import static org.syndication.publisher.TestApi.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Freezes a real Kafka broker (a separate process, stopped with SIGSTOP: its connections
 * stay open and nothing answers, as with a broker stalled in a long pause) while editors
 * keep writing, thaws it, and checks that every event is on the topic exactly once, in
 * order for each article, as a consumer reading committed records sees it.
 * <p>
 * The broker stays frozen for 25 s, twice the producer's delivery timeout here (12 s; 120
 * s in production, against a freeze of three minutes): the producer gives up on sends the
 * broker may still write when it thaws, and the relay sends those events again. Each
 * batch goes out in a Kafka transaction with the outbox ids it carries, so what the
 * producer gave up on is aborted and read by nobody, and the relay learns from the last
 * committed transaction which events went out. Meanwhile the relay's own waits time out
 * (5 s) several times, and the producer's requests (request.timeout.ms, 5 s) are sent
 * again on new connections.
 * <p>
 * {@code -Dsyndication.test.kafka-freeze=PT3M -Dsyndication.test.delivery-timeout-ms=120000}
 * runs the same with production's delivery timeout and a three-minute freeze.
 */
@SpringBootTest(properties = { "publisher.api-token=" + TestApi.TOKEN,
		"spring.datasource.url=jdbc:h2:mem:publisher-frozen;DB_CLOSE_DELAY=-1", "publisher.outbox.send-timeout=5s",
		"spring.kafka.producer.properties.delivery.timeout.ms=${syndication.test.delivery-timeout-ms:12000}" })
@AutoConfigureMockMvc
class FrozenKafkaTests {

	private static final Duration FREEZE = Duration.parse(System.getProperty("syndication.test.kafka-freeze", "PT25S"));

	private static KafkaBrokerProcess broker;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private OutboxRepository outbox;

	private final JsonMapper json = JsonMapper.builder().build();

	// Each article's events as written, by article id.
	private final Map<String, List<String>> written = new LinkedHashMap<>();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) throws Exception {
		broker = KafkaBrokerProcess.onFreePorts(Files.createTempDirectory("publisher-frozen-kafka"));
		broker.start();
		registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
		registry.add("spring.kafka.properties.sasl.jaas.config",
				() -> broker.credentials().user(KafkaCredentials.PUBLISHER).jaasConfig());
	}

	@AfterAll
	static void stopKafka() throws Exception {
		signal("CONT");
		broker.close();
	}

	@Test
	void eventsWrittenWhileKafkaIsFrozenAreOnTheTopicOnceEachAndInOrder() throws Exception {
		for (int i = 0; i < 10; i++) {
			write();
		}
		try (TopicReader topic = reader()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll().size() == events());
		}

		// The freeze comes while articles are being written and sent.
		for (int i = 0; i < 5; i++) {
			write();
		}
		signal("STOP");
		try {
			long thaw = System.nanoTime() + FREEZE.toNanos();
			await().atMost(FREEZE.plusSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> {
				write();
				return System.nanoTime() - thaw >= 0;
			});
		}
		finally {
			signal("CONT");
		}
		for (int i = 0; i < 10; i++) {
			write();
		}

		await().atMost(FREEZE.plusSeconds(90)).until(() -> this.outbox.backlog(Instant.now()).pending() == 0);
		try (TopicReader topic = reader()) {
			// Every event once: as many records as events, and each event among them.
			await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll().size() >= events());
			await().during(Duration.ofSeconds(2)).until(() -> topic.poll().size() >= events());
			List<Received> records = topic.poll();
			assertThat(records).extracting((record) -> record.headers().get("ce_id")).doesNotHaveDuplicates();
			assertThat(records).hasSize(events());
			Map<String, List<Received>> byArticle = records.stream()
				.collect(Collectors.groupingBy(Received::key, LinkedHashMap::new, Collectors.toList()));
			assertThat(byArticle.keySet()).containsExactlyInAnyOrderElementsOf(this.written.keySet());
			this.written.forEach((id, types) -> {
				assertThat(byArticle.get(id)).extracting((record) -> record.headers().get("ce_type"))
					.as(id)
					.containsExactlyElementsOf(types);
				assertThat(byArticle.get(id)).extracting(this::version).as(id).containsExactly(1L, 2L);
			});
		}
	}

	/** Creates an article and edits it: two events. */
	private void write() throws Exception {
		String body = this.mvc.perform(post(article()))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = this.json.readTree(body).get("id").asString();
		this.mvc.perform(put(id, 1, article().with("title", "Edited"))).andExpect(status().isOk());
		this.written.put(id, List.of("article.published", "article.updated"));
	}

	private int events() {
		return this.written.values().stream().mapToInt(List::size).sum();
	}

	private long version(Received record) {
		return this.json.readValue(record.value(), ArticleEvent.class).article().version();
	}

	private static TopicReader reader() {
		Map<String, Object> config = new HashMap<>(broker.clientConfig(KafkaCredentials.ADMIN));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "frozen-test-" + UUID.randomUUID());
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return new TopicReader(config);
	}

	/** Sends the broker's process a signal: STOP freezes it, CONT thaws it. */
	private static void signal(String name) throws IOException, InterruptedException {
		long pid = broker.process().orElseThrow().pid();
		Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).as("kill -%s %d", name, pid).isZero();
	}

}
