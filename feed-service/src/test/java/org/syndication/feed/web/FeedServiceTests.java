package org.syndication.feed.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.feed.ArticleEvents;
import org.syndication.feed.TopicWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The feed service on a real embedded Kafka broker (KRaft), fed with events in the form
 * the publisher writes them.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:feed;DB_CLOSE_DELAY=-1",
		"spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}" })
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@AutoConfigureMockMvc
class FeedServiceTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JdbcClient jdbc;

	private TopicWriter topic;

	@BeforeEach
	void openTopic() {
		this.topic = new TopicWriter(this.broker.getBrokersAsString());
	}

	@AfterEach
	void closeTopic() {
		this.topic.close();
	}

	@Test
	void publishedArticleAppearsInEveryFormatAndFeed() throws Exception {
		ArticleEvents.Builder article = ArticleEvents.article()
			.title("Bike lanes & <trams>")
			.categories("Transit")
			.authors("Zoë Müller");
		this.topic.send(article.published());
		String id = "urn:uuid:" + article.id();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(body("/feeds/atom.xml")).contains(id));
		assertThat(body("/feeds/rss.xml")).contains(id).contains("Bike lanes &amp; &lt;trams&gt;");
		assertThat(body("/feeds/feed.json")).contains(id).contains("Bike lanes & <trams>");
		for (String path : List.of("/feeds/categories/transit/", "/feeds/categories/TRANSIT/",
				"/feeds/authors/zoe-muller/")) {
			for (String file : List.of("rss.xml", "atom.xml", "feed.json")) {
				assertThat(body(path + file)).as(path + file).contains(id);
			}
		}
		this.mvc.perform(get("/feeds/rss.xml"))
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/rss+xml;charset=utf-8"));
		this.mvc.perform(get("/feeds/atom.xml"))
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/atom+xml;charset=utf-8"));
		this.mvc.perform(get("/feeds/feed.json"))
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/feed+json;charset=utf-8"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=60, public"));
	}

	@Test
	void editChangesTheItemInPlaceAndRetractionRemovesIt() throws Exception {
		ArticleEvents.Builder article = ArticleEvents.article().categories("edits");
		this.topic.send(article.published());
		String feed = "/feeds/categories/edits/atom.xml";
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(body(feed)).contains("Council approves"));

		this.topic.send(article.version(2)
			.title("Council approves fewer lanes")
			.updatedAt(Instant.parse("2026-11-22T10:00:00Z"))
			.updated());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(body(feed)).contains("fewer lanes"));
		String atom = body(feed);
		assertThat(atom.split("urn:uuid:" + article.id(), -1)).hasSize(2);
		assertThat(atom).contains("2026-11-22T10:00:00Z").contains("2026-11-20T08:00:00Z");

		this.topic.send(article.version(3).retracted());
		this.topic.tombstone(article.id());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(body("/feeds/atom.xml")).doesNotContain(article.id().toString()));
		assertThat(body(feed)).doesNotContain(article.id().toString());
	}

	@Test
	void duplicateAndOutOfOrderEventsChangeNothing() throws Exception {
		ArticleEvents.Builder article = ArticleEvents.article().categories("order");
		var first = article.published();
		var second = article.version(2).title("The second version").updated();
		this.topic.send(second);
		String feed = "/feeds/categories/order/feed.json";
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(body(feed)).contains("The second version"));
		String etag = this.mvc.perform(get(feed)).andReturn().getResponse().getHeader(HttpHeaders.ETAG);

		this.topic.send(first);
		this.topic.send(second);
		ArticleEvents.Builder marker = ArticleEvents.article().title("Marker").categories("order");
		this.topic.send(marker.published());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(body("/feeds/feed.json")).contains(marker.id().toString()));
		assertThat(body(feed)).contains("The second version").doesNotContain("Council approves new bike lanes");
		assertThat(body(feed).split("urn:uuid:" + article.id(), -1)).hasSize(2);
		assertThat(this.mvc.perform(get(feed)).andReturn().getResponse().getHeader(HttpHeaders.ETAG))
			.as("the marker changed the feed")
			.isNotEqualTo(etag);
	}

	@Test
	void poisonRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
		String poisonKey = UUID.randomUUID().toString();
		this.topic.raw(poisonKey, "this is not json");
		this.topic.raw(poisonKey, "{\"eventId\":\"x\"}");
		ArticleEvents.Builder after = ArticleEvents.article();
		this.topic.send(after.published());

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(body("/feeds/atom.xml")).contains(after.id().toString()));
		try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			dlq.subscribe(List.of("articles.feed-service.dlq"));
			List<ConsumerRecord<String, String>> dead = new java.util.ArrayList<>();
			await().atMost(PATIENCE).until(() -> {
				dlq.poll(Duration.ofMillis(200)).forEach(dead::add);
				return dead.stream().filter((r) -> poisonKey.equals(r.key())).count() == 2;
			});
			ConsumerRecord<String, String> first = dead.stream()
				.filter((r) -> poisonKey.equals(r.key()))
				.findFirst()
				.orElseThrow();
			assertThat(first.value()).isEqualTo("this is not json");
			assertThat(first.headers().lastHeader("x-exception-message")).isNotNull();
			assertThat(first.headers().lastHeader("x-original-topic").value()).asString(StandardCharsets.UTF_8)
				.isEqualTo("articles");
		}
	}

	@Test
	void unchangedFeedAnswers304AndAChangeInvalidatesIt() throws Exception {
		ArticleEvents.Builder article = ArticleEvents.article().categories("conditional");
		this.topic.send(article.published());
		String feed = "/feeds/categories/conditional/rss.xml";
		await().atMost(PATIENCE).untilAsserted(() -> this.mvc.perform(get(feed)).andExpect(status().isOk()));
		MvcResult first = this.mvc.perform(get(feed)).andReturn();
		String etag = first.getResponse().getHeader(HttpHeaders.ETAG);
		String lastModified = first.getResponse().getHeader(HttpHeaders.LAST_MODIFIED);
		assertThat(etag).matches("\"[A-Za-z0-9_-]+\"");

		this.mvc.perform(get(feed).header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isNotModified())
			.andExpect(content().bytes(new byte[0]))
			.andExpect(header().string(HttpHeaders.ETAG, etag));
		this.mvc.perform(get(feed).header(HttpHeaders.IF_MODIFIED_SINCE, lastModified))
			.andExpect(status().isNotModified());
		this.mvc.perform(get(feed).header(HttpHeaders.IF_NONE_MATCH, "\"something-else\"")).andExpect(status().isOk());

		this.topic
			.send(article.version(2).title("Changed title").updatedAt(Instant.parse("2026-11-23T00:00:00Z")).updated());
		await().atMost(PATIENCE)
			.untilAsserted(() -> this.mvc.perform(get(feed).header(HttpHeaders.IF_NONE_MATCH, etag))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Changed title"))));
		String newLastModified = this.mvc.perform(get(feed))
			.andReturn()
			.getResponse()
			.getHeader(HttpHeaders.LAST_MODIFIED);
		assertThat(newLastModified).isEqualTo(DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
			.format(Instant.parse("2026-11-23T00:00:00Z")));
	}

	@Test
	void headAndGzipServeTheSameFeed() throws Exception {
		MvcResult plain = this.mvc.perform(get("/feeds/atom.xml")).andExpect(status().isOk()).andReturn();
		byte[] identity = plain.getResponse().getContentAsByteArray();

		MvcResult zipped = this.mvc
			.perform(get("/feeds/atom.xml").header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate, br"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_ENCODING, "gzip"))
			.andExpect(header().string(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING))
			.andReturn();
		byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.getResponse().getContentAsByteArray()))
			.readAllBytes();
		assertThat(unzipped).isEqualTo(identity);
		assertThat(zipped.getResponse().getHeader(HttpHeaders.ETAG))
			.isNotEqualTo(plain.getResponse().getHeader(HttpHeaders.ETAG));

		this.mvc.perform(head("/feeds/atom.xml"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, plain.getResponse().getHeader(HttpHeaders.ETAG)))
			.andExpect(content().bytes(new byte[0]));
	}

	@Test
	void unknownOrOddPathsAre404WithoutAStackTrace() throws Exception {
		for (String path : List.of("/feeds/nope.xml", "/feeds/rss.txt", "/feeds/categories/no-such-category/rss.xml",
				"/feeds/categories/🦄/atom.xml", "/feeds/authors/nobody/feed.json", "/feeds/categories/x/feed.txt",
				"/feeds/categories/" + "a".repeat(10_000) + "/rss.xml", "/feeds/categories/%00/rss.xml",
				"/feeds/categories/..%2F..%2Fetc/rss.xml", "/nothing-here")) {
			this.mvc.perform(get(path))
				.andExpect(status().isNotFound())
				.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Exception"))));
		}
		this.mvc.perform(get("/feeds/rss.xml?page=-1&items=9999&<script>=1")).andExpect(status().isOk());
	}

	@Test
	void changeMadeByAnotherInstanceReachesThisInstanceWithinASecond() throws Exception {
		ArticleEvents.Builder article = ArticleEvents.article().categories("scale-out");
		this.topic.send(article.published());
		String feed = "/feeds/categories/scale-out/atom.xml";
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(body(feed)).contains("Council approves"));

		// What another instance does to the shared database when it applies an edit.
		this.jdbc.sql("UPDATE feed_item SET title = 'Edited elsewhere', version = 2 WHERE article_id = :id")
			.param("id", article.id())
			.update();
		this.jdbc.sql(
				"UPDATE feed_state SET revision = revision + 1, changed_at = :now WHERE feed_key = 'category:scale-out'")
			.param("now", Instant.now().atOffset(ZoneOffset.UTC))
			.update();

		await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(body(feed)).contains("Edited elsewhere"));
	}

	@Test
	void indexPageListsTheFeedsWithAutodiscoveryLinks() throws Exception {
		ArticleEvents.Builder article = ArticleEvents.article().categories("Index Me");
		this.topic.send(article.published());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(body("/")).contains("Index Me"));
		assertThat(body("/")).contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
			.contains("<link rel=\"alternate\" type=\"application/rss+xml\"")
			.contains("<link rel=\"alternate\" type=\"application/feed+json\"")
			.contains("http://localhost:8082/feeds/categories/index%20me/rss.xml");
	}

	private String body(String path) throws Exception {
		return this.mvc.perform(get(path)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
