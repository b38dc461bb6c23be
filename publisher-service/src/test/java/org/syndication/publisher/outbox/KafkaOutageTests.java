package org.syndication.publisher.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvent;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.localstack.KafkaUser;
import org.syndication.localstack.Partners;
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
import static org.syndication.publisher.TestApi.authorized;
import static org.syndication.publisher.TestApi.post;
import static org.syndication.publisher.TestApi.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Takes a real Kafka broker (a separate process) away while editors keep writing, brings
 * it back, and checks that every event arrives, in order for each article.
 */
@SpringBootTest(properties = { "publisher.api-token=" + TestApi.TOKEN,
		"spring.datasource.url=jdbc:h2:mem:publisher-outage;DB_CLOSE_DELAY=-1" })
@AutoConfigureMockMvc
class KafkaOutageTests {

	private static KafkaBrokerProcess broker;

	private static KafkaUser partner;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private OutboxRepository outbox;

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) throws Exception {
		broker = KafkaBrokerProcess.onFreePorts(Files.createTempDirectory("publisher-outage-kafka"));
		broker.start();
		registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
		// The publisher as its own Kafka user, with its rights and no more.
		registry.add("spring.kafka.properties.sasl.jaas.config",
				() -> broker.credentials().user(KafkaCredentials.PUBLISHER).jaasConfig());
		try (Admin admin = Admin.create(broker.clientConfig(KafkaCredentials.ADMIN))) {
			partner = new Partners(admin).add("outage-test", null);
		}
	}

	/** Reads the topic as a partner does, in one of its consumer groups. */
	private static TopicReader partnerReader() {
		Map<String, Object> config = new HashMap<>(partner.clientConfig(broker.bootstrapServers()));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, Partners.groupPrefix(partner.name()) + UUID.randomUUID());
		return new TopicReader(config);
	}

	@AfterAll
	static void stopKafka() {
		broker.close();
	}

	@Test
	void eventsWrittenWhileKafkaIsDownArriveInOrderWhenItReturns() throws Exception {
		Map<String, List<String>> expected = new LinkedHashMap<>();
		String before = create();
		expected.put(before, new ArrayList<>(List.of("article.published")));
		try (TopicReader topic = partnerReader()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll(before).size() == 1);
		}

		broker.stop();
		for (int i = 0; i < 12; i++) {
			String id = create();
			List<String> types = new ArrayList<>(List.of("article.published"));
			if (i % 2 == 0) {
				this.mvc.perform(put(id, 1, article().with("title", "Edited " + i))).andExpect(status().isOk());
				types.add("article.updated");
			}
			if (i % 3 == 0) {
				this.mvc.perform(authorized(delete("/api/articles/{id}", id))).andExpect(status().isNoContent());
				types.add("article.retracted");
				types.add("tombstone");
			}
			expected.put(id, types);
		}
		int waiting = expected.values().stream().mapToInt(List::size).sum() - 1;
		assertThat(this.outbox.backlog(Instant.now()).pending()).isEqualTo(waiting);

		broker.start();
		try (TopicReader topic = partnerReader()) {
			await().atMost(Duration.ofSeconds(60)).until(() -> distinctByEvent(topic.poll()).size() >= waiting + 1);
			Map<String, List<Received>> byArticle = distinctByEvent(topic.poll()).stream()
				.collect(Collectors.groupingBy(Received::key, LinkedHashMap::new, Collectors.toList()));
			assertThat(byArticle.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
			expected.forEach((id, types) -> {
				List<Received> records = byArticle.get(id);
				assertThat(records).extracting(this::type).as(id).containsExactlyElementsOf(types);
				assertThat(records.stream().filter((r) -> !r.isTombstone()).map(this::version).toList()).as(id)
					.isSorted()
					.doesNotHaveDuplicates();
			});
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.outbox.backlog(Instant.now()).pending() == 0);
	}

	private String create() throws Exception {
		String body = this.mvc.perform(post(article()))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return this.json.readTree(body).get("id").asString();
	}

	/** Delivery is at least once; partners deduplicate on the event id, as here. */
	private List<Received> distinctByEvent(List<Received> records) {
		Map<String, Received> distinct = new LinkedHashMap<>();
		records.forEach((record) -> distinct
			.putIfAbsent(record.isTombstone() ? "tombstone:" + record.key() : record.headers().get("ce_id"), record));
		return new ArrayList<>(distinct.values());
	}

	private String type(Received record) {
		return record.isTombstone() ? "tombstone" : record.headers().get("ce_type");
	}

	private long version(Received record) {
		return this.json.readValue(record.value(), ArticleEvent.class).article().version();
	}

}
