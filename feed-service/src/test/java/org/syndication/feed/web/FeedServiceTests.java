package org.syndication.feed.web;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.feed.Http;
import org.syndication.feed.documents.FeedCache;
import org.syndication.testsupport.DeadLetterTopic;
import org.syndication.testsupport.TopicWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed service on a real HTTP port and a real embedded Kafka broker (KRaft), fed with
 * events in the form the publisher writes them.
 */
@FeedIntegrationTest
class FeedServiceTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private List<ScheduledTaskHolder> schedules;

	private TopicWriter topic;

	private Http http;

	@BeforeEach
	void openTopic() {
		this.topic = new TopicWriter(this.broker.getBrokersAsString());
		this.http = new Http(this.port);
	}

	@AfterEach
	void closeTopic() {
		this.topic.close();
	}

	@Test
	void cacheLooksForChangesOfOtherInstancesAsOftenAsConfigured() {
		assertThat(this.schedules.stream()
			.flatMap((holder) -> holder.getScheduledTasks().stream())
			.map(ScheduledTask::getTask)
			.filter((task) -> task.toString().endsWith("FeedCache.lookForChanges"))
			.map((task) -> ((FixedDelayTask) task).getIntervalDuration())).containsExactly(Duration.ofMillis(300));
	}

	@Test
	void publishedArticleAppearsInEveryFormatAndFeed() {
		ArticleEvents.Builder article = ArticleEvents.article()
			.title("Bike lanes & <trams>")
			.categories("Transit")
			.authors("Zoë Müller");
		this.topic.send(article.published());
		String id = "urn:uuid:" + article.id();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.http.body("/feeds/atom.xml")).contains(id));
		assertThat(this.http.body("/feeds/rss.xml")).contains(id).contains("Bike lanes &amp; &lt;trams&gt;");
		assertThat(this.http.body("/feeds/feed.json")).contains(id).contains("Bike lanes & <trams>");
		for (String path : List.of("/feeds/categories/transit/", "/feeds/categories/TRANSIT/",
				"/feeds/authors/zoe-muller/")) {
			for (String file : List.of("rss.xml", "atom.xml", "feed.json")) {
				assertThat(this.http.body(path + file)).as(path + file).contains(id);
			}
		}
		assertThat(contentType("/feeds/rss.xml")).isEqualTo("application/rss+xml;charset=utf-8");
		assertThat(contentType("/feeds/atom.xml")).isEqualTo("application/atom+xml;charset=utf-8");
		assertThat(contentType("/feeds/feed.json")).isEqualTo("application/feed+json;charset=utf-8");
		assertThat(this.http.get("/feeds/feed.json").headers().firstValue("Cache-Control"))
			.hasValue("max-age=60, public");
	}

	@Test
	void articleAppearsInTheFeedsOfItsLanguageInEveryFormatWhichDeclareTheirLanguage() {
		ArticleEvents.Builder article = ArticleEvents.article().title("Fietspaden in Gent").language("nl-BE");
		this.topic.send(article.published());
		String id = "urn:uuid:" + article.id();

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.http.body("/feeds/languages/nl-be/atom.xml")).contains(id));
		for (String path : List.of("/feeds/languages/nl-be/", "/feeds/languages/NL-BE/", "/feeds/languages/nl/")) {
			for (String file : List.of("rss.xml", "atom.xml", "feed.json")) {
				assertThat(this.http.body(path + file)).as(path + file).contains(id);
			}
		}
		assertThat(this.http.body("/feeds/languages/nl-be/rss.xml")).contains("<language>nl-BE</language>")
			.contains("<title>Syndication: articles in Dutch (Belgium)</title>")
			.contains("<atom:link href=\"http://localhost:8082/feeds/languages/nl-be/rss.xml\"");
		assertThat(this.http.body("/feeds/languages/nl-be/atom.xml")).contains("xml:lang=\"nl-BE\"");
		assertThat(this.http.body("/feeds/languages/nl/feed.json")).contains("\"language\":\"nl\"")
			.contains("\"title\":\"Syndication: articles in Dutch\"");
		assertThat(contentType("/feeds/languages/nl/atom.xml")).isEqualTo("application/atom+xml;charset=utf-8");
		assertThat(this.http.get("/feeds/languages/nl-nl/rss.xml").statusCode()).isEqualTo(404);
	}

	@Test
	void malformedLanguageTagIsNotFound() {
		for (String path : List.of("/feeds/languages/en_GB/rss.xml", "/feeds/languages/not%20a%20tag/atom.xml",
				"/feeds/languages/en-x/feed.json", "/feeds/languages/en--gb/rss.xml",
				"/feeds/languages/abcdefghi/rss.xml", "/feeds/languages/%C3%A9n/rss.xml",
				"/feeds/languages/xx-yy/rss.xml", "/feeds/languages/en/index.html", "/feeds/languages/rss.xml")) {
			HttpResponse<byte[]> response = this.http.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).contains("No such feed");
		}
	}

	@Test
	void languageFeedAnswers304InAnyCaseOfItsTagAndChangingTheLanguageMovesTheArticle() {
		ArticleEvents.Builder article = ArticleEvents.article().title("Cykelbanor").language("sv-SE");
		this.topic.send(article.published());
		String feed = "/feeds/languages/sv/atom.xml";
		await().atMost(PATIENCE).until(() -> this.http.get(feed).statusCode() == 200);
		String etag = etag(feed);
		assertThat(this.http.get(feed, "If-None-Match", etag).statusCode()).isEqualTo(304);
		assertThat(this.http.get("/feeds/languages/SV/atom.xml", "If-None-Match", etag).statusCode()).isEqualTo(304);

		this.topic.send(article.version(2).title("Cykelbanor i Helsingfors").language("sv-FI").updated());
		await().atMost(PATIENCE).untilAsserted(() -> {
			HttpResponse<byte[]> changed = this.http.get(feed, "If-None-Match", etag);
			assertThat(changed.statusCode()).isEqualTo(200);
			assertThat(new String(changed.body(), StandardCharsets.UTF_8)).contains("Cykelbanor i Helsingfors");
		});
		assertThat(this.http.body("/feeds/languages/sv-fi/atom.xml")).contains("urn:uuid:" + article.id());
		assertThat(this.http.body("/feeds/languages/sv-se/atom.xml")).doesNotContain("urn:uuid:" + article.id());
	}

	@Test
	void editChangesTheItemInPlaceAndRetractionRemovesIt() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("edits");
		this.topic.send(article.published());
		String feed = "/feeds/categories/edits/atom.xml";
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.http.body(feed)).contains("Council approves"));

		this.topic.send(article.version(2)
			.title("Council approves fewer lanes")
			.updatedAt(Instant.parse("2026-11-22T10:00:00Z"))
			.updated());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.http.body(feed)).contains("fewer lanes"));
		String atom = this.http.body(feed);
		assertThat(atom.split("urn:uuid:" + article.id(), -1)).hasSize(2);
		assertThat(atom).contains("2026-11-22T10:00:00Z").contains("2026-11-20T08:00:00Z");

		this.topic.send(article.version(3).retracted());
		this.topic.tombstone(article.id());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.http.body("/feeds/atom.xml")).doesNotContain(article.id().toString()));
		assertThat(this.http.body(feed)).doesNotContain(article.id().toString());
	}

	@Test
	void duplicateAndOutOfOrderEventsChangeNothing() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("order");
		var first = article.published();
		var second = article.version(2).title("The second version").updated();
		this.topic.send(second);
		String feed = "/feeds/categories/order/feed.json";
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.http.body(feed)).contains("The second version"));
		String etag = etag(feed);

		this.topic.send(first);
		this.topic.send(second);
		ArticleEvents.Builder marker = ArticleEvents.article().title("Marker").categories("order");
		this.topic.send(marker.published());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.http.body("/feeds/feed.json")).contains(marker.id().toString()));
		assertThat(this.http.body(feed)).contains("The second version")
			.doesNotContain("Council approves new bike lanes");
		assertThat(this.http.body(feed).split("urn:uuid:" + article.id(), -1)).hasSize(2);
		assertThat(etag(feed)).as("the marker changed the feed").isNotEqualTo(etag);
	}

	@Test
	void poisonRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
		String poisonKey = UUID.randomUUID().toString();
		this.topic.raw(poisonKey, "this is not json");
		this.topic.raw(poisonKey, "{\"eventId\":\"x\"}");
		ArticleEvents.Builder after = ArticleEvents.article();
		this.topic.send(after.published());

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.http.body("/feeds/atom.xml")).contains(after.id().toString()));
		List<ConsumerRecord<String, String>> dead = DeadLetterTopic.read(this.broker.getBrokersAsString(),
				"articles.feed-service.dlq", poisonKey, 2, PATIENCE);
		ConsumerRecord<String, String> first = dead.get(0);
		assertThat(first.value()).isEqualTo("this is not json");
		assertThat(first.headers().lastHeader("x-exception-message")).isNotNull();
		assertThat(first.headers().lastHeader("x-original-topic").value()).asString(StandardCharsets.UTF_8)
			.isEqualTo("articles");
	}

	@Test
	void unchangedFeedAnswers304AndAChangeInvalidatesIt() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("conditional");
		this.topic.send(article.published());
		String feed = "/feeds/categories/conditional/rss.xml";
		await().atMost(PATIENCE).until(() -> this.http.get(feed).statusCode() == 200);
		HttpResponse<byte[]> first = this.http.get(feed);
		String etag = first.headers().firstValue("ETag").orElseThrow();
		String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
		assertThat(etag).matches("\"[A-Za-z0-9_-]+\"");

		HttpResponse<byte[]> notModified = this.http.get(feed, "If-None-Match", etag);
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
		// Spring Security's headers leave the feed's own caching alone.
		assertThat(notModified.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");
		assertThat(first.headers().map()).doesNotContainKeys("pragma", "expires", "set-cookie");
		assertThat(this.http.get(feed, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
		assertThat(this.http.get(feed, "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);

		this.topic
			.send(article.version(2).title("Changed title").updatedAt(Instant.parse("2026-11-23T00:00:00Z")).updated());
		await().atMost(PATIENCE).untilAsserted(() -> {
			HttpResponse<byte[]> changed = this.http.get(feed, "If-None-Match", etag);
			assertThat(changed.statusCode()).isEqualTo(200);
			assertThat(new String(changed.body(), StandardCharsets.UTF_8)).contains("Changed title");
		});
		assertThat(this.http.get(feed).headers().firstValue("Last-Modified"))
			.hasValue(DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
				.format(Instant.parse("2026-11-23T00:00:00Z")));
	}

	@Test
	void headAndGzipServeTheSameFeed() throws Exception {
		HttpResponse<byte[]> plain = this.http.get("/feeds/atom.xml");
		assertThat(plain.statusCode()).isEqualTo(200);

		HttpResponse<byte[]> zipped = this.http.get("/feeds/atom.xml", "Accept-Encoding", "gzip, deflate, br");
		assertThat(zipped.statusCode()).isEqualTo(200);
		assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
		byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
		assertThat(unzipped).isEqualTo(plain.body());
		assertThat(zipped.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));

		HttpResponse<byte[]> head = this.http.head("/feeds/atom.xml");
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValue("ETag")).isEqualTo(plain.headers().firstValue("ETag"));
		assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(plain.body().length));
		assertThat(head.body()).isEmpty();
	}

	@Test
	void largeFeedSentFromItsFileArrivesIntact() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ArticleEvents.Builder article = ArticleEvents.article()
				.categories("large")
				.title("Long read " + i)
				.contentHtml("<p>" + "Paragraph of a long read, with CJK 长篇文章 and emoji 📰. ".repeat(60) + "</p>");
			this.topic.send(article.published());
			ids.add(article.id().toString());
		}
		String feed = "/feeds/categories/large/rss.xml";
		// The events come over several partitions, in any order: wait for all of them, so
		// that the feed does not change between the two reads below.
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.http.body(feed)).contains(ids));

		HttpResponse<byte[]> plain = this.http.get(feed);
		assertThat(plain.body().length).as("large enough to be sent from a file").isGreaterThan(48 * 1024);
		assertThat(plain.headers().firstValue("Content-Length")).hasValue(Integer.toString(plain.body().length));
		byte[] unzipped = new GZIPInputStream(
				new ByteArrayInputStream(this.http.get(feed, "Accept-Encoding", "gzip").body()))
			.readAllBytes();
		assertThat(plain.body()).isEqualTo(unzipped);
		assertThat(new String(plain.body(), StandardCharsets.UTF_8)).endsWith("</rss>\n").contains("长篇文章 and emoji 📰");
	}

	@Test
	void unknownOrOddPathsAreRefusedWithoutAStackTrace() {
		for (String path : List.of("/feeds/nope.xml", "/feeds/rss.txt", "/feeds/categories/no-such-category/rss.xml",
				"/feeds/categories/%F0%9F%A6%84/atom.xml", "/feeds/authors/nobody/feed.json",
				"/feeds/categories/x/feed.txt", "/feeds/categories/x/y/rss.xml", "/feeds/", "/feeds",
				"/nothing-here")) {
			HttpResponse<byte[]> response = this.http.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).doesNotContain("Exception");
		}
		for (String path : List.of("/feeds/categories/" + "a".repeat(10_000) + "/rss.xml",
				"/feeds/categories/%00/rss.xml", "/feeds/categories/..%2F..%2Fetc/rss.xml",
				"/feeds/categories/%C3%28/rss.xml")) {
			HttpResponse<byte[]> response = this.http.get(path);
			assertThat(response.statusCode()).as(path).isBetween(400, 499);
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).doesNotContain("Exception");
		}
		assertThat(this.http.get("/feeds/rss.xml?page=-1&items=9999&%3Cscript%3E=1").statusCode()).isEqualTo(200);
	}

	@Test
	void changeMadeByAnotherInstanceReachesThisInstanceWithinASecond() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("scale-out");
		this.topic.send(article.published());
		String feed = "/feeds/categories/scale-out/atom.xml";
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.http.body(feed)).contains("Council approves"));

		// What another instance does to the shared database when it applies an edit.
		this.jdbc.sql("UPDATE feed_item SET title = 'Edited elsewhere', version = 2 WHERE article_id = :id")
			.param("id", article.id())
			.update();
		this.jdbc.sql(
				"UPDATE feed_state SET revision = revision + 1, changed_at = :now WHERE feed_key = 'category:scale-out'")
			.param("now", Instant.now().atOffset(ZoneOffset.UTC))
			.update();

		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.http.body(feed)).contains("Edited elsewhere"));
	}

	@Test
	void changeOfALanguageFeedMadeByAnotherInstanceReachesThisInstanceWithinASecond() {
		ArticleEvents.Builder article = ArticleEvents.article().language("da");
		this.topic.send(article.published());
		String feed = "/feeds/languages/da/atom.xml";
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.http.body(feed)).contains("Council approves"));

		this.jdbc.sql("UPDATE feed_item SET title = 'Redigeret andetsteds', version = 2 WHERE article_id = :id")
			.param("id", article.id())
			.update();
		this.jdbc.sql("UPDATE feed_state SET revision = revision + 1, changed_at = :now WHERE feed_key = 'language:da'")
			.param("now", Instant.now().atOffset(ZoneOffset.UTC))
			.update();

		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.http.body(feed)).contains("Redigeret andetsteds"));
	}

	@Test
	void aCategoryWithAPercentOrASemicolonInItsNameHasAFeedAtItsAdvertisedLink() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("50% off; today");
		this.topic.send(article.published());
		String link = "http://localhost:8082/feeds/categories/50%25%20off%3B%20today/atom.xml";
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.http.body("/")).contains(link));
		String path = link.substring("http://localhost:8082".length());
		assertThat(this.http.get(path).statusCode()).isEqualTo(200);
		assertThat(this.http.body(path)).contains(article.id().toString());
	}

	@Test
	void indexPageListsTheFeedsWithAutodiscoveryLinks() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("Index Me");
		this.topic.send(article.published());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.http.body("/")).contains("Index Me"));
		assertThat(this.http.body("/")).contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
			.contains("<link rel=\"alternate\" type=\"application/rss+xml\"")
			.contains("<link rel=\"alternate\" type=\"application/feed+json\"")
			.contains("http://localhost:8082/feeds/categories/index%20me/rss.xml");
	}

	private String contentType(String path) {
		return this.http.get(path).headers().firstValue("Content-Type").orElseThrow();
	}

	private String etag(String path) {
		return this.http.get(path).headers().firstValue("ETag").orElseThrow();
	}

}
