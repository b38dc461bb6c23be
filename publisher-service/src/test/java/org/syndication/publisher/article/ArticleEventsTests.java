package org.syndication.publisher.article;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleImage;
import org.syndication.publisher.EventSchema;
import org.syndication.publisher.PublisherIntegrationTest;
import org.syndication.publisher.TopicReader;
import org.syndication.publisher.TopicReader.Received;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
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
 * What partners see on the {@code articles} topic of a real broker.
 */
@PublisherIntegrationTest
class ArticleEventsTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EmbeddedKafkaBroker broker;

	private final JsonMapper json = JsonMapper.builder().build();

	private TopicReader topic;

	@BeforeEach
	void readTopic() {
		this.topic = new TopicReader(this.broker.getBrokersAsString());
	}

	@AfterEach
	void closeTopic() {
		this.topic.close();
	}

	@Test
	void publishedArticleBecomesAContractEventWithCloudEventsHeaders() throws Exception {
		String id = create(article().with("title", "北京发布新的自行车道计划 🚲"));
		Received record = await().atMost(PATIENCE)
			.until(() -> this.topic.poll(id), (records) -> records.size() == 1)
			.get(0);

		assertThat(EventSchema.validate(record.value())).isEmpty();
		ArticleEvent event = this.json.readValue(record.value(), ArticleEvent.class);
		assertThat(event.type()).isEqualTo(ArticleEventType.PUBLISHED);
		assertThat(event.article().id()).hasToString(id);
		assertThat(event.article().version()).isEqualTo(1);
		assertThat(event.article().title()).isEqualTo("北京发布新的自行车道计划 🚲");
		assertThat(event.article().url()).isEqualTo("http://localhost:8081/articles/" + id);
		assertThat(event.occurredAt()).isBefore(Instant.now().plusSeconds(1));

		JsonNode raw = this.json.readTree(record.value());
		assertThat(raw.propertyNames()).containsExactly("eventId", "type", "occurredAt", "article");
		assertThat(raw.get("type").asString()).isEqualTo("article.published");
		assertThat(raw.get("occurredAt").isString()).isTrue();

		assertThat(record.headers()).containsOnlyKeys("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time",
				"content-type");
		assertThat(record.headers()).containsEntry("ce_specversion", "1.0")
			.containsEntry("ce_id", event.eventId().toString())
			.containsEntry("ce_type", "article.published")
			.containsEntry("ce_source", "/publisher-service")
			.containsEntry("ce_time", raw.get("occurredAt").asString())
			.containsEntry("content-type", "application/json");
	}

	@Test
	void cloudEventsHeadersGoOutInTheDocumentedOrder() throws Exception {
		String id = create(article());
		Received record = await().atMost(PATIENCE)
			.until(() -> this.topic.poll(id), (records) -> records.size() == 1)
			.get(0);

		assertThat(record.headers().keySet()).containsExactly("ce_specversion", "ce_id", "ce_type", "ce_source",
				"ce_time", "content-type");
	}

	@Test
	void editKeepsTheIdAndRaisesTheVersion() throws Exception {
		String id = create(article());
		this.mvc.perform(put(id, 1, article().with("title", "Corrected headline"))).andExpect(status().isOk());

		List<Received> records = await().atMost(PATIENCE).until(() -> this.topic.poll(id), (r) -> r.size() == 2);
		ArticleEvent edit = this.json.readValue(records.get(1).value(), ArticleEvent.class);
		assertThat(edit.type()).isEqualTo(ArticleEventType.UPDATED);
		assertThat(edit.article().id()).hasToString(id);
		assertThat(edit.article().version()).isEqualTo(2);
		assertThat(edit.article().title()).isEqualTo("Corrected headline");
		assertThat(records.get(1).headers()).containsEntry("ce_type", "article.updated");
		assertThat(EventSchema.validate(records.get(1).value())).isEmpty();
	}

	@Test
	void articleCreatedBreakingIsBreakingInEveryEventOfIt() throws Exception {
		String id = create(article().with("breaking", true));
		this.mvc.perform(put(id, 1, article().with("title", "Corrected headline").with("breaking", true)))
			.andExpect(status().isOk());
		this.mvc.perform(authorized(delete("/api/articles/{id}", id))).andExpect(status().isNoContent());

		List<Received> records = await().atMost(PATIENCE).until(() -> this.topic.poll(id), (r) -> r.size() == 4);
		assertThat(records.subList(0, 3))
			.extracting((record) -> this.json.readValue(record.value(), ArticleEvent.class))
			.extracting(ArticleEvent::type)
			.containsExactly(ArticleEventType.PUBLISHED, ArticleEventType.UPDATED, ArticleEventType.RETRACTED);
		for (Received record : records.subList(0, 3)) {
			JsonNode breaking = this.json.readTree(record.value()).get("article").get("breaking");
			assertThat(breaking).as(record.value()).isNotNull();
			assertThat(breaking.isBoolean()).isTrue();
			assertThat(breaking.asBoolean()).isTrue();
			assertThat(this.json.readValue(record.value(), ArticleEvent.class).article().breaking()).isTrue();
			assertThat(EventSchema.validate(record.value())).isEmpty();
		}
	}

	@Test
	void articleNotBreakingHasNoBreakingFieldUntilAnEditMarksItBreaking() throws Exception {
		String id = create(article());
		this.mvc.perform(put(id, 1, article().with("breaking", true))).andExpect(status().isOk());
		this.mvc.perform(put(id, 2, article().with("breaking", false))).andExpect(status().isOk());

		List<Received> records = await().atMost(PATIENCE).until(() -> this.topic.poll(id), (r) -> r.size() == 3);
		JsonNode published = this.json.readTree(records.get(0).value()).get("article");
		assertThat(published.has("breaking")).isFalse();
		assertThat(this.json.readValue(records.get(0).value(), ArticleEvent.class).article().breaking()).isFalse();
		JsonNode markedBreaking = this.json.readTree(records.get(1).value()).get("article");
		assertThat(markedBreaking.get("version").asLong()).isEqualTo(2);
		assertThat(markedBreaking.get("breaking").isBoolean()).isTrue();
		assertThat(markedBreaking.get("breaking").asBoolean()).isTrue();
		JsonNode noLongerBreaking = this.json.readTree(records.get(2).value()).get("article");
		assertThat(noLongerBreaking.get("version").asLong()).isEqualTo(3);
		assertThat(noLongerBreaking.has("breaking")).isFalse();
		assertThat(records).allSatisfy((record) -> assertThat(EventSchema.validate(record.value())).isEmpty());
	}

	@Test
	void imageGoesIntoEveryEventOfTheArticleAndLeavesWhenAnEditRemovesIt() throws Exception {
		String id = create(article().with("image", Map.of("url", "https://images.example.com/bike-lanes.jpg", "alt",
				"Cyclists on the new lane", "width", 1200, "height", 800)));
		this.mvc
			.perform(put(id, 1,
					article().with("title", "Corrected headline")
						.with("image", Map.of("url", "https://images.example.com/rule.svg", "alt", ""))))
			.andExpect(status().isOk());
		this.mvc.perform(put(id, 2, article())).andExpect(status().isOk());

		List<Received> records = await().atMost(PATIENCE).until(() -> this.topic.poll(id), (r) -> r.size() == 3);
		assertThat(records).allSatisfy((record) -> assertThat(EventSchema.validate(record.value())).isEmpty());
		JsonNode published = this.json.readTree(records.get(0).value()).get("article").get("image");
		assertThat(published.propertyNames()).containsExactly("url", "alt", "width", "height");
		assertThat(this.json.readValue(records.get(0).value(), ArticleEvent.class).article().image()).isEqualTo(
				new ArticleImage("https://images.example.com/bike-lanes.jpg", "Cyclists on the new lane", 1200, 800));
		JsonNode decorative = this.json.readTree(records.get(1).value()).get("article").get("image");
		assertThat(decorative.propertyNames()).containsExactly("url", "alt");
		assertThat(decorative.get("alt").asString()).isEmpty();
		JsonNode withoutImage = this.json.readTree(records.get(2).value()).get("article");
		assertThat(withoutImage.get("version").asLong()).isEqualTo(3);
		assertThat(withoutImage.has("image")).isFalse();
	}

	@Test
	void retractionIsAnEventFollowedByATombstone() throws Exception {
		String id = create(article());
		this.mvc.perform(authorized(delete("/api/articles/{id}", id))).andExpect(status().isNoContent());

		List<Received> records = await().atMost(PATIENCE).until(() -> this.topic.poll(id), (r) -> r.size() == 3);
		ArticleEvent retraction = this.json.readValue(records.get(1).value(), ArticleEvent.class);
		assertThat(retraction.type()).isEqualTo(ArticleEventType.RETRACTED);
		assertThat(retraction.article().version()).isEqualTo(2);
		assertThat(records.get(2).isTombstone()).isTrue();
		assertThat(records.get(2).headers()).isEmpty();
		assertThat(records).extracting(Received::partition).containsOnly(records.get(0).partition());
	}

	@Test
	void draftSendsNothingUntilItGoesLive() throws Exception {
		String id = create(article().draft());
		String marker = create(article().with("title", "published after the draft"));
		await().atMost(PATIENCE).until(() -> this.topic.poll(marker), (r) -> r.size() == 1);
		assertThat(this.topic.poll(id)).isEmpty();

		this.mvc.perform(put(id, 1, article())).andExpect(status().isOk());
		Received record = await().atMost(PATIENCE).until(() -> this.topic.poll(id), (r) -> r.size() == 1).get(0);
		ArticleEvent event = this.json.readValue(record.value(), ArticleEvent.class);
		assertThat(event.type()).isEqualTo(ArticleEventType.PUBLISHED);
		assertThat(event.article().version()).isEqualTo(2);
	}

	@Test
	void scheduledArticleGoesOutWhenItsTimeComes() throws Exception {
		Instant publishAt = Instant.now().plusSeconds(2);
		String id = create(article().with("publishedAt", publishAt.toString()));
		assertThat(this.topic.poll(id)).isEmpty();

		Received record = await().atMost(PATIENCE).until(() -> this.topic.poll(id), (r) -> r.size() == 1).get(0);
		ArticleEvent event = this.json.readValue(record.value(), ArticleEvent.class);
		assertThat(event.type()).isEqualTo(ArticleEventType.PUBLISHED);
		assertThat(event.occurredAt()).isAfterOrEqualTo(event.article().publishedAt());
		assertThat(Duration.between(event.article().publishedAt(), event.occurredAt()))
			.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void topicIsCompactedWithAWeekOfHistoryInGzipBatchesThatEveryClientReads() throws Exception {
		create(article());
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "articles");
			Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
			assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
			assertThat(config.get("min.compaction.lag.ms").value()).isEqualTo("604800000");
			assertThat(config.get("compression.type").value()).isEqualTo("gzip");
		}
	}

	private String create(org.syndication.publisher.TestApi.ArticleJson article) throws Exception {
		String body = this.mvc.perform(post(article))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return this.json.readTree(body).get("id").asString();
	}

}
