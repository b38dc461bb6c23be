package org.syndication.system;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.mail.internet.MimeUtility;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syndication.events.ArticleEvent;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.system.BadRequests.Answers;
import org.syndication.system.BadRequests.Case;
import org.syndication.testsupport.RawHttp;
import org.syndication.testsupport.RawHttp.Request;
import org.syndication.testsupport.RawHttp.Response;
import org.syndication.testsupport.SlowClients;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input and attacks against the running system, over real HTTP only: every endpoint
 * of every service refuses bad input with a 4xx and changes nothing; what it accepts it
 * cleans; no write and no operational endpoint opens without its credential; the tokens
 * in mail links serve one purpose and cannot be guessed; and script in an article reaches
 * no feed, page or mail.
 */
@ExtendWith(Cores.Alone.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputAndSecurityTests {

	private static final Duration PATIENCE = Duration.ofMinutes(1);

	private static final String CATEGORY = "bis-script";

	private static final String READER = "bis-reader@example.org";

	/** A second subscriber of the category: its mail shows that an alert went out. */
	private static final String WITNESS = "bis-witness@example.org";

	private static final String TITLE = "<script>alert(1)</script> Breaking & <img src=x onerror=alert(1)> news";

	private static final String SUMMARY = "<svg onload=alert(1)> A summary with <a href=\"javascript:alert(1)\">a link"
			+ "</a> and <style>body{display:none}</style>";

	private static final String AUTHOR = "<script>alert(1)</script>Eve";

	private static final String CONTENT = "<p>Safe <b>text</b> stays.</p>" + "<script>alert(1)</script>"
			+ "<img src=x onerror=alert(1)>" + "<a href=\"javascript:alert(1)\">a script link</a>"
			+ "<a href=\"JaVaScRiPt:alert(1)\">mixed case</a>" + "<a href=\"&#106;avascript:alert(1)\">an entity</a>"
			+ "<a href=\" javascript:alert(1)\">a space</a>" + "<svg onload=alert(1)><circle r=\"1\"/></svg>"
			+ "<iframe src=\"https://evil.example/\"></iframe>" + "<frameset><frame src=\"https://evil.example/\">"
			+ "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">a data link</a>"
			+ "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">"
			+ "<style>body{display:none}</style>"
			+ "<p style=\"background:url(javascript:alert(1))\" onclick=\"alert(1)\">styled</p>"
			+ "<form action=\"https://evil.example/\"><input name=\"q\"><button formaction=\"javascript:alert(1)\">go"
			+ "</button></form>" + "<object data=\"https://evil.example/x.swf\"></object>"
			+ "<embed src=\"https://evil.example/x.swf\">" + "<base href=\"https://evil.example/\">"
			+ "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"
			+ "<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>"
			+ "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>"
			+ "<a href=\"https://example.org/safe\">a safe link</a>"
			+ "<img src=\"https://example.org/safe.png\" alt=\"a safe image\">";

	private TheSystem system;

	private RawHttp publisher;

	private RawHttp feed;

	private RawHttp notifier;

	private Publisher.Article article;

	private BadRequests.Fixture fixture;

	private String witnessManageToken;

	@BeforeAll
	void startTheSystemWithSubscribersAndAnArticleFullOfScript() {
		this.system = TheSystem.start(Databases::h2);
		this.publisher = rawHttp(this.system.publisher);
		this.feed = rawHttp(this.system.feed);
		this.notifier = rawHttp(this.system.notifier);
		this.system.notifierApi.subscribeAndConfirm(List.of(READER, WITNESS), List.of(CATEGORY));
		String confirmToken = token(
				mailTo(READER, Notifier.CONFIRMATION_SUBJECT).orElseThrow().link("/subscriptions/confirm"));

		Map<String, Object> request = new HashMap<>();
		request.put("title", TITLE.replace(" news", "\r\nnews\u0000"));
		request.put("summary", SUMMARY);
		request.put("contentHtml", CONTENT);
		request.put("authors", List.of(AUTHOR));
		request.put("categories", List.of(CATEGORY));
		this.article = this.system.publisherApi.create(request);
		Mail alert = await().atMost(PATIENCE).until(() -> mailTo(READER, TITLE), Optional::isPresent).orElseThrow();
		Mail witnessAlert = await().atMost(PATIENCE)
			.until(() -> mailTo(WITNESS, TITLE), Optional::isPresent)
			.orElseThrow();
		this.witnessManageToken = token(witnessAlert.link("/subscriptions/manage"));
		this.fixture = new BadRequests.Fixture(this.article.id(), CATEGORY, confirmToken,
				token(alert.link("/subscriptions/unsubscribe")), token(alert.link("/subscriptions/manage")));
		await().atMost(PATIENCE)
			.until(() -> this.system.feeds.entryIds("/feeds/categories/" + CATEGORY + "/atom.xml")
				.contains(this.article.urn()));
	}

	@AfterAll
	void stopTheSystem() {
		if (this.system != null) {
			this.system.close();
		}
	}

	@TestFactory
	@Order(1)
	Stream<DynamicNode> badInputToEveryEndpointIsRefusedWithA4xxAndChangesNothing() {
		BadRequests table = new BadRequests(this.publisher, this.feed, this.notifier, this.system.apiToken,
				this.fixture);
		Map<String, List<Case>> cases = new LinkedHashMap<>();
		cases.put(TheSystem.PUBLISHER, table.publisher());
		cases.put(TheSystem.FEED, table.feed());
		cases.put(TheSystem.NOTIFIER, table.notifier());
		return refusedWithoutChange(cases);
	}

	@TestFactory
	@Order(2)
	Stream<DynamicNode> noWriteAndNoOperationalEndpointOpensWithoutItsCredential() {
		String token = this.system.apiToken;
		String article = "/api/articles/" + this.article.id();
		Map<String, Consumer<Request>> credentials = new LinkedHashMap<>();
		credentials.put("no token", (request) -> {
		});
		credentials.put("a wrong token", (request) -> request.bearer("wrong-" + token));
		credentials.put("an empty bearer token", (request) -> request.header("Authorization", "Bearer "));
		credentials.put("the token with more after it", (request) -> request.bearer(token + "x"));
		credentials.put("the token cut short", (request) -> request.bearer(token.substring(0, token.length() - 1)));
		credentials.put("the token in another scheme (Basic)",
				(request) -> request.header("Authorization", "Basic " + token));
		credentials.put("the token as Basic user and password", (request) -> request.header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString((token + ":" + token).getBytes(StandardCharsets.UTF_8))));
		credentials.put("the token in another scheme (Token)",
				(request) -> request.header("Authorization", "Token " + token));
		credentials.put("the token in a header of another name", (request) -> request.header("X-Api-Token", token));
		credentials.put("the token as a cookie", (request) -> request.header("Cookie", "token=" + token));

		List<Case> writes = new ArrayList<>();
		for (Map.Entry<String, Consumer<Request>> credential : credentials.entrySet()) {
			Map<String, Request> requests = new LinkedHashMap<>();
			requests.put("POST /api/articles", Request.of("POST", "/api/articles").json("{\"title\": \"Intruder\"}"));
			requests.put("PUT " + article,
					Request.of("PUT", article).header("If-Match", "\"1\"").json("{\"title\": \"Defaced\"}"));
			requests.put("DELETE " + article, Request.of("DELETE", article));
			requests.put("GET /api/articles (drafts are there)", Request.get("/api/articles"));
			for (Map.Entry<String, Request> request : requests.entrySet()) {
				credential.getValue().accept(request.getValue());
				writes.add(new Case(request.getKey() + " with " + credential.getKey(), this.publisher,
						request.getValue(), Answers.unauthorized()));
			}
		}
		writes.add(new Case("POST /api/articles with the token in the query", this.publisher,
				Request.of("POST", "/api/articles?access_token=" + token).json("{\"title\": \"Intruder\"}"),
				Answers.unauthorized()));
		for (String disguised : List.of("/%61pi/articles", "/api;x=y/articles", "//api/articles", "/api/./articles",
				"/articles/../api/articles")) {
			writes.add(new Case("POST " + disguised + " without a token", this.publisher,
					Request.of("POST", disguised).json("{\"title\": \"Intruder\"}"), Answers.closed()));
		}

		List<Case> actuators = new ArrayList<>();
		for (RawHttp service : List.of(this.publisher, this.feed, this.notifier)) {
			for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/metrics",
					"/actuator/metrics/jvm.memory.used", "/actuator/env", "/actuator/env/PATH", "/actuator/beans",
					"/actuator/configprops", "/actuator/heapdump", "/actuator/threaddump", "/actuator/loggers",
					"/actuator/mappings", "/actuator/scheduledtasks", "/actuator/caches", "/%61ctuator/prometheus",
					"/actuator/%70rometheus", "/actuator;x=y/prometheus", "//actuator/prometheus",
					"/actuator/health/../prometheus", "/actuator/health/%2e%2e/prometheus", "/actuator/prometheus/",
					"/feeds/../actuator/prometheus")) {
				actuators
					.add(new Case("GET " + path + " without a token", service, Request.get(path), Answers.closed()));
				actuators.add(new Case("GET " + path + " with a wrong token", service,
						Request.get(path).bearer("wrong-" + token), Answers.closed()));
				actuators.add(new Case("GET " + path + " with the token as Basic", service,
						Request.get(path).header("Authorization", "Basic " + token), Answers.closed()));
			}
			for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/loggers",
					"/actuator/mappings", "/actuator/configprops")) {
				actuators.add(new Case("GET " + path + " with the token: not exposed at all", service,
						Request.get(path).bearer(token), Answers.problem()));
			}
			actuators.add(new Case("POST /actuator/shutdown without a token", service,
					Request.of("POST", "/actuator/shutdown").json("{}"), Answers.closed()));
			actuators.add(new Case("POST /actuator/shutdown with the token: not exposed", service,
					Request.of("POST", "/actuator/shutdown").bearer(token).json("{}"), Answers.problem()));
			actuators.add(new Case("POST /actuator/loggers/ROOT without a token", service,
					Request.of("POST", "/actuator/loggers/ROOT").json("{\"configuredLevel\": \"OFF\"}"),
					Answers.closed()));
		}
		Map<String, List<Case>> cases = new LinkedHashMap<>();
		cases.put("publisher-service writes", writes);
		cases.put("actuator endpoints of all three services", actuators);
		Stream<DynamicNode> opened = Stream.of(DynamicTest
			.dynamicTest("with the token, metrics open; health and info need none, in all three services", () -> {
				for (RawHttp service : List.of(this.publisher, this.feed, this.notifier)) {
					Response metrics = service.send(Request.get("/actuator/prometheus").bearer(token));
					assertThat(metrics.status()).as("%s metrics with the token", service).isEqualTo(200);
					assertThat(metrics.body()).as("%s metrics", service).contains("jvm_memory_used_bytes");
					for (String open : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/info")) {
						assertThat(service.send(Request.get(open)).status()).as("%s %s", service, open).isEqualTo(200);
					}
				}
			}));
		return Stream.concat(opened, refusedWithoutChange(cases));
	}

	@TestFactory
	@Order(3)
	Stream<DynamicNode> whatIsAcceptedIsCleanedOfLineBreaksAndNulAndInjectionsStayText() {
		String category = "bis-clean";
		String sqlCategory = "'; drop table feed_item; --";
		List<String> created = new ArrayList<>();
		long before = totalArticles();
		List<DynamicNode> tests = new ArrayList<>();
		tests.add(accepted("CR/LF in the title become a space", created, Map.of("title", "First line\r\nsecond line"),
				(article) -> assertThat(article.get("title").asString()).isEqualTo("First line second line")));
		tests.add(accepted("NUL in the title is removed", created, Map.of("title", "Null\u0000 byte"),
				(article) -> assertThat(article.get("title").asString()).isEqualTo("Null byte")));
		tests.add(accepted("tabs and Unicode line separators in the title become spaces", created,
				Map.of("title", "a\tb\u2028c\u2029d\u0085e"),
				(article) -> assertThat(article.get("title").asString()).isEqualTo("a b c d e")));
		tests.add(accepted("NUL in the summary is removed; its paragraphs stay, as plain text has them", created,
				Map.of("title", "Summary", "summary", "Paragraph one.\r\n\r\nParagraph\u0000 two."),
				(article) -> assertThat(article.get("summary").asString())
					.isEqualTo("Paragraph one.\r\n\r\nParagraph two.")));
		tests.add(accepted("CR/LF and NUL in an author become one line", created,
				Map.of("title", "Author", "authors", List.of("Ada\r\nBcc: eve@example.org\u0000")),
				(article) -> assertThat(article.get("authors").get(0).asString())
					.isEqualTo("Ada Bcc: eve@example.org")));
		tests.add(accepted("CR/LF and NUL in a category become one line", created,
				Map.of("title", "Category", "categories", List.of("news\r\nInjected: 1\u0000")),
				(article) -> assertThat(article.get("categories").get(1).asString()).isEqualTo("news Injected: 1")));
		tests.add(accepted("NUL in the content is removed", created,
				Map.of("title", "Content", "contentHtml", "<p>a\u0000b</p>"),
				(article) -> assertThat(article.get("contentHtml").asString()).isEqualTo("<p>ab</p>")));
		tests.add(accepted("surrounding line breaks in the language are trimmed", created,
				Map.of("title", "Language", "language", "pt-br\r\n"),
				(article) -> assertThat(article.get("language").asString()).isEqualTo("pt-BR")));
		tests.add(accepted("a line break after the status is ignored", created,
				Map.of("title", "Status", "status", "PUBLISHED\r\n"),
				(article) -> assertThat(article.get("status").asString()).isEqualTo("PUBLISHED")));
		tests.add(accepted("SQL in the title is kept as text", created,
				Map.of("title", "Robert'); DROP TABLE article; --"),
				(article) -> assertThat(article.get("title").asString())
					.isEqualTo("Robert'); DROP TABLE article; --")));
		tests.add(accepted("SQL in the summary is kept as text", created,
				Map.of("title", "Summary SQL", "summary", "' OR 1=1 --"),
				(article) -> assertThat(article.get("summary").asString()).isEqualTo("' OR 1=1 --")));
		tests.add(accepted("SQL in a category is kept as text", created,
				Map.of("title", "Category SQL", "categories", List.of(sqlCategory)),
				(article) -> assertThat(article.get("categories").get(1).asString()).isEqualTo(sqlCategory)));
		tests.add(DynamicTest.dynamicTest("the feeds and the events carry the cleaned text, and nothing was dropped",
				() -> {
					assertThat(totalArticles()).as("articles").isEqualTo(before + created.size());
					List<String> urns = created.stream().map((id) -> "urn:uuid:" + id).toList();
					await().atMost(PATIENCE)
						.untilAsserted(() -> assertThat(
								this.system.feeds.entryIds("/feeds/categories/" + category + "/atom.xml"))
							.containsAll(urns));
					JsonNode feed = Http
						.body(Http.expect(200, this.system.feeds.get("/feeds/categories/" + category + "/feed.json")));
					for (JsonNode item : feed.get("items")) {
						assertThat(item.get("title").asString()).as("feed title").doesNotContain("\r", "\n", "\u0000");
						item.path("authors")
							.forEach((author) -> assertThat(author.get("name").asString()).as("feed author")
								.doesNotContain("\r", "\n", "\u0000"));
						item.path("tags")
							.forEach((tag) -> assertThat(tag.asString()).as("feed tag")
								.doesNotContain("\r", "\n", "\u0000"));
					}
					assertThat(this.system.feeds
						.entryIds("/feeds/categories/" + BadRequests.encode(sqlCategory) + "/atom.xml")).hasSize(1);
					Map<String, List<ArticleEvent>> events = ArticlesTopic.eventsByArticle(this.system.topic.readAll());
					for (String id : created) {
						assertThat(events.get(id)).as("events of %s", id).isNotEmpty().allSatisfy((event) -> {
							assertThat(event.article().title()).doesNotContain("\r", "\n", "\u0000");
							assertThat(String.join(" ", event.article().authors())).doesNotContain("\r", "\n",
									"\u0000");
							assertThat(String.join(" ", event.article().categories())).doesNotContain("\r", "\n",
									"\u0000");
						});
					}
				}));
		tests.add(DynamicTest.dynamicTest("SQL in a subscription's category is refused and breaks nothing", () -> {
			// Neither a slug nor a category of any article: a stranger's free text never
			// reaches a confirmation mail.
			String address = "bis-sql@example.org";
			Http.expect(400, Http.send(Http.request(this.system.notifier.uri("/api/subscriptions"))
				.header("Content-Type", "application/json")
				.POST(Http.json(Map.of("email", address, "categories", List.of("'; DROP TABLE subscriber; --"))))
				.build()));
			String after = "bis-sql-after@example.org";
			Http.expect(202,
					Http.send(Http.request(this.system.notifier.uri("/api/subscriptions"))
						.header("Content-Type", "application/json")
						.POST(Http.json(Map.of("email", after, "categories", List.of(CATEGORY))))
						.build()));
			await().atMost(PATIENCE)
				.until(() -> mailTo(after, Notifier.CONFIRMATION_SUBJECT), Optional::isPresent)
				.orElseThrow();
			assertThat(mailTo(address, Notifier.CONFIRMATION_SUBJECT)).isEmpty();
		}));
		return tests.stream();
	}

	@Test
	@Order(4)
	void scriptInAnArticleReachesNoFeedNoPageAndNoMail() throws Exception {
		String urn = this.article.urn();
		String category = "/feeds/categories/" + CATEGORY;

		// RSS: the title is text; the description is the summary as text; the content is
		// HTML without anything active.
		org.w3c.dom.Document rss = xml(Http.expect(200, this.system.feeds.get(category + "/rss.xml")));
		org.w3c.dom.Element item = only(rss.getElementsByTagName("item"), "guid", urn);
		assertText(child(item, "title"), TITLE, "RSS title");
		Element description = ActiveContent.fragment(child(item, "description").getTextContent());
		assertThat(description.children()).as("RSS description as HTML").isEmpty();
		assertThat(description.text()).as("RSS description").isEqualTo(SUMMARY);
		assertSafeContent(ActiveContent.fragment(child(item, "content:encoded").getTextContent()), "RSS content");

		// Atom.
		org.w3c.dom.Document atom = xml(Http.expect(200, this.system.feeds.get(category + "/atom.xml")));
		org.w3c.dom.Element entry = only(atom.getElementsByTagName("entry"), "id", urn);
		assertThat(child(entry, "title").getAttribute("type")).as("Atom title type").isEqualTo("text");
		assertText(child(entry, "title"), TITLE, "Atom title");
		assertThat(child(entry, "summary").getAttribute("type")).as("Atom summary type").isEqualTo("text");
		assertText(child(entry, "summary"), SUMMARY, "Atom summary");
		assertThat(child(entry, "content").getAttribute("type")).as("Atom content type").isEqualTo("html");
		assertSafeContent(ActiveContent.fragment(child(entry, "content").getTextContent()), "Atom content");

		// JSON Feed: title and summary are plain text fields; content_html is HTML.
		JsonNode json = Http.body(Http.expect(200, this.system.feeds.get(category + "/feed.json")));
		JsonNode jsonItem = null;
		for (JsonNode candidate : json.get("items")) {
			if (candidate.get("id").asString().equals(urn)) {
				jsonItem = candidate;
			}
		}
		assertThat(jsonItem).as("the article in the JSON feed").isNotNull();
		assertThat(jsonItem.get("title").asString()).as("JSON Feed title").isEqualTo(TITLE);
		assertThat(jsonItem.get("summary").asString()).as("JSON Feed summary").isEqualTo(SUMMARY);
		assertThat(jsonItem.get("authors").get(0).get("name").asString()).as("JSON Feed author").isEqualTo(AUTHOR);
		assertSafeContent(ActiveContent.fragment(jsonItem.get("content_html").asString()), "JSON Feed content");

		// The reader's page on the publisher.
		HttpResponse<String> page = Http.expect(200,
				Http.get(this.system.publisher.uri("/articles/" + this.article.id())));
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		Document reader = Jsoup.parse(page.body());
		assertThat(reader.title()).as("page title").isEqualTo(TITLE);
		assertThat(reader.select("script")).as("scripts anywhere on the page").isEmpty();
		ActiveContent.assertNone(reader.body(), "the reader's page");
		Element heading = reader.selectFirst("h1");
		assertThat(heading.children()).as("page heading as HTML").isEmpty();
		assertThat(heading.text()).as("page heading").isEqualTo(TITLE);
		assertThat(reader.selectFirst("p.summary").text()).as("page summary").isEqualTo(SUMMARY);
		assertThat(reader.selectFirst("p.meta").text()).as("page byline").contains(AUTHOR);
		assertSafeContent(reader.selectFirst("div.content"), "the reader's page content");

		// The alert: subject and headers on one line each, the HTML part inert.
		Mail alert = mailTo(READER, TITLE).orElseThrow();
		assertThat(alert.subject()).as("mail subject").isEqualTo(TITLE);
		assertThat(MimeUtility.unfold(alert.header("List-Unsubscribe"))).as("mail List-Unsubscribe")
			.matches("<http://127\\.0\\.0\\.1:\\d+/subscriptions/unsubscribe\\?token=[A-Za-z0-9_-]+>");
		assertThat(alert.header("Bcc")).as("mail Bcc").isNull();
		Document mail = Jsoup.parse(alert.part("text/html"));
		assertThat(mail.select("script")).as("scripts anywhere in the mail").isEmpty();
		ActiveContent.assertNone(mail.body(), "the alert's HTML part");
		Element mailHeading = mail.selectFirst("h1");
		assertThat(mailHeading.children()).as("mail heading as HTML").isEmpty();
		assertThat(mailHeading.text()).as("mail heading").isEqualTo(TITLE);
		assertThat(mail.text()).as("the mail's text").contains("Safe text stays.");
		assertThat(mail.select("a[href=\"https://example.org/safe\"]")).as("the safe link in the mail").hasSize(1);
		assertThat(alert.part("text/plain")).as("the mail's plain text").contains(TITLE);

		// The subscriber's own page shows a category name with script as text.
		String manage = "/subscriptions/manage?token=" + this.witnessManageToken;
		Response saved = this.notifier.send(Request.of("POST", manage)
			.form("categories=" + BadRequests.encode(CATEGORY + ", <script>alert(1)</script>")));
		assertThat(saved.status()).as("saving categories").isEqualTo(200);
		Document preferences = Jsoup.parse(saved.body());
		ActiveContent.assertNone(preferences.body(), "the subscription's page", "form", "input", "button");
		assertThat(preferences.body().text()).contains("<script>alert(1)</script>");
		assertThat(preferences.selectFirst("input[name=categories]").attr("value"))
			.isEqualTo(CATEGORY + ", <script>alert(1)</script>");
	}

	@Test
	@Order(5)
	void linksInFeedsPagesAndMailsComeFromConfigurationNotFromTheHostHeader() {
		String evil = "evil.example";
		Response feed = this.feed.send(Request.get("/feeds/atom.xml").header("Host", evil));
		assertThat(feed.status()).isEqualTo(200);
		assertThat(feed.body()).contains(this.system.feed.uri("/feeds/atom.xml").toString()).doesNotContain(evil);
		Response page = this.publisher.send(Request.get("/articles/" + this.article.id()).header("Host", evil));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).doesNotContain(evil);

		Response created = this.publisher.send(Request.of("POST", "/api/articles")
			.header("Host", evil)
			.header("X-Forwarded-Host", evil)
			.bearer(this.system.apiToken)
			.json("{\"title\": \"Host header\", \"categories\": [\"bis-host\"]}"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain(evil));
		assertThat(Http.JSON.readTree(created.body()).get("url").asString())
			.startsWith(this.system.publisher.uri("/articles/").toString());

		String address = "bis-host@example.org";
		Response subscribed = this.notifier.send(Request.of("POST", "/api/subscriptions")
			.header("Host", evil)
			.header("X-Forwarded-Host", evil)
			.json("{\"email\": \"" + address + "\", \"categories\": [\"bis-host\"]}"));
		assertThat(subscribed.status()).isEqualTo(202);
		Mail confirmation = await().atMost(PATIENCE)
			.until(() -> mailTo(address, Notifier.CONFIRMATION_SUBJECT), Optional::isPresent)
			.orElseThrow();
		assertThat(confirmation.link("/subscriptions/confirm"))
			.startsWith(this.system.notifier.uri("/subscriptions/confirm?token=").toString());
		assertThat(confirmation.part("text/html")).doesNotContain(evil);
	}

	@Test
	@Order(6)
	void linkTokensServeOnePurposeCannotBeGuessedAndTheRightOneWorks() {
		BadRequests.Fixture tokens = this.fixture;
		// Each token with any one of its characters changed is refused.
		for (String changed : oneCharacterChanged(tokens.confirmToken())) {
			assertRefusedPage(this.notifier.send(Request.get("/subscriptions/confirm?token=" + changed)), changed);
		}
		for (String changed : oneCharacterChanged(tokens.unsubscribeToken())) {
			assertRefusedPage(this.notifier.send(Request.of("POST", "/subscriptions/unsubscribe?token=" + changed)
				.form("List-Unsubscribe=One-Click")), changed);
		}
		for (String changed : oneCharacterChanged(tokens.manageToken())) {
			assertRefusedPage(this.notifier.send(Request.get("/subscriptions/manage?token=" + changed)), changed);
			assertRefusedPage(
					this.notifier
						.send(Request.of("POST", "/subscriptions/manage?token=" + changed).form("categories=other")),
					changed);
		}
		// Each token works only where it belongs.
		List<Request> elsewhere = new ArrayList<>();
		for (String path : List.of("/subscriptions/unsubscribe?token=", "/subscriptions/manage?token=")) {
			elsewhere.add(Request.get(path + tokens.confirmToken()));
			elsewhere.add(Request.of("POST", path + tokens.confirmToken()).form("categories=other"));
		}
		elsewhere.add(Request.get("/subscriptions/confirm?token=" + tokens.unsubscribeToken()));
		elsewhere.add(Request.get("/subscriptions/manage?token=" + tokens.unsubscribeToken()));
		elsewhere.add(Request.of("POST", "/subscriptions/manage?token=" + tokens.unsubscribeToken())
			.form("categories=other"));
		elsewhere.add(Request.get("/subscriptions/confirm?token=" + tokens.manageToken()));
		elsewhere.add(Request.get("/subscriptions/unsubscribe?token=" + tokens.manageToken()));
		elsewhere.add(Request.of("POST", "/subscriptions/unsubscribe?token=" + tokens.manageToken())
			.form("List-Unsubscribe=One-Click"));
		for (Request request : elsewhere) {
			assertRefusedPage(this.notifier.send(request), request + " with a token of another purpose");
		}

		// None of that unsubscribed the reader or changed what it gets.
		this.system.publisherApi.create(Map.of("title", "bis after the forged links", "categories", List.of(CATEGORY)));
		await().atMost(PATIENCE).until(() -> mailTo(READER, "bis after the forged links").isPresent());

		// The right token does what it is for, and a GET of it changes nothing.
		Response form = this.notifier
			.send(Request.get("/subscriptions/unsubscribe?token=" + tokens.unsubscribeToken()));
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.body()).contains("<form method=\"post\"");
		Response unsubscribed = this.notifier
			.send(Request.of("POST", "/subscriptions/unsubscribe?token=" + tokens.unsubscribeToken())
				.form("List-Unsubscribe=One-Click"));
		assertThat(unsubscribed.status()).isEqualTo(200);
		assertThat(unsubscribed.body()).contains("will receive no more emails");
		// Its old confirmation link cannot subscribe it again.
		assertRefusedPage(this.notifier.send(Request.get("/subscriptions/confirm?token=" + tokens.confirmToken())),
				"an old confirmation link after unsubscribing");
		this.system.publisherApi.create(Map.of("title", "bis after unsubscribing", "categories", List.of(CATEGORY)));
		await().atMost(PATIENCE).until(() -> mailTo(WITNESS, "bis after unsubscribing").isPresent());
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> mailTo(READER, "bis after unsubscribing").isEmpty());
	}

	// --- the refused requests and the state they must leave alone

	/**
	 * The cases in containers by group, then a test that the system's state is what it
	 * was before the first of them: the state is taken when the factory runs, just before
	 * its tests.
	 */
	private Stream<DynamicNode> refusedWithoutChange(Map<String, List<Case>> groups) {
		State before = State.of(this);
		Stream<DynamicNode> containers = groups.entrySet()
			.stream()
			.map((group) -> DynamicContainer.dynamicContainer(group.getKey() + " (" + group.getValue().size() + ")",
					group.getValue().stream().map((bad) -> DynamicTest.dynamicTest(bad.name(), bad::run))));
		DynamicTest unchanged = DynamicTest.dynamicTest(
				"none of them changed anything: articles, the article, feeds, mails, the topic, the subscription",
				() -> await().during(Duration.ofSeconds(2))
					.atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(State.of(this)).isEqualTo(before)));
		return Stream.concat(containers, Stream.of(unchanged));
	}

	/**
	 * What a refused request must not change.
	 *
	 * @param articles the publisher's total of articles
	 * @param article the article every refused PUT and DELETE aimed at, as stored
	 * @param feeds the ETag of each feed
	 * @param mails how many mails were sent
	 * @param topic the end offset of each partition of the articles topic
	 * @param subscription the reader's subscription as its page shows it
	 */
	record State(long articles, String article, Map<String, String> feeds, int mails, Map<Integer, Long> topic,
			String subscription) {

		static State of(BadInputAndSecurityTests test) {
			TheSystem system = test.system;
			String article = Http.expect(200,
					Http.send(Http.request(system.publisher.uri("/api/articles/" + test.article.id()))
						.header("Authorization", "Bearer " + system.apiToken)
						.build()))
				.body();
			Map<String, String> feeds = new LinkedHashMap<>();
			for (String path : List.of("/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json",
					"/feeds/categories/" + CATEGORY + "/rss.xml", "/feeds/categories/" + CATEGORY + "/atom.xml",
					"/feeds/categories/" + CATEGORY + "/feed.json")) {
				feeds.put(path, Http.expect(200, system.feeds.get(path)).headers().firstValue("ETag").orElse(""));
			}
			String subscription = test.notifier
				.send(Request.get("/subscriptions/manage?token=" + test.fixture.manageToken()))
				.body();
			return new State(test.totalArticles(), article, feeds, system.mail.count(),
					endOffsets(system.kafka.clientConfig(KafkaCredentials.ADMIN)), subscription);
		}

		private static Map<Integer, Long> endOffsets(Map<String, Object> clientConfig) {
			Properties properties = new Properties();
			properties.putAll(clientConfig);
			properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
			try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
					new ByteArrayDeserializer())) {
				List<TopicPartition> partitions = consumer.partitionsFor(ArticlesTopic.NAME, Duration.ofSeconds(10))
					.stream()
					.map((info) -> new TopicPartition(ArticlesTopic.NAME, info.partition()))
					.toList();
				Map<Integer, Long> ends = new TreeMap<>();
				consumer.endOffsets(partitions, Duration.ofSeconds(10))
					.forEach((partition, offset) -> ends.put(partition.partition(), offset));
				return ends;
			}
		}

	}

	// --- helpers

	private DynamicTest accepted(String name, List<String> created, Map<String, Object> fields,
			Consumer<JsonNode> check) {
		return DynamicTest.dynamicTest(name, () -> {
			Map<String, Object> request = new HashMap<>(fields);
			List<String> categories = new ArrayList<>(List.of("bis-clean"));
			if (fields.get("categories") instanceof List<?> more) {
				more.forEach((category) -> categories.add((String) category));
			}
			request.put("categories", categories);
			Response response = this.publisher.send(Request.of("POST", "/api/articles")
				.bearer(this.system.apiToken)
				.json(Http.JSON.writeValueAsString(request)));
			assertThat(response.status()).as("%s: %s", name, response.body()).isEqualTo(201);
			JsonNode answered = Http.JSON.readTree(response.body());
			created.add(answered.get("id").asString());
			check.accept(answered);
			JsonNode stored = Http.JSON.readTree(this.publisher
				.send(Request.get("/api/articles/" + answered.get("id").asString()).bearer(this.system.apiToken))
				.body());
			check.accept(stored);
		});
	}

	private long totalArticles() {
		return Http.body(Http.expect(200,
				Http.send(Http.request(this.system.publisher.uri("/api/articles?size=1"))
					.header("Authorization", "Bearer " + this.system.apiToken)
					.build())))
			.get("totalItems")
			.asLong();
	}

	private Optional<Mail> mailTo(String recipient, String subject) {
		return this.system.mail.to(recipient).stream().filter((mail) -> mail.subject().equals(subject)).findFirst();
	}

	private static String token(String link) {
		return link.substring(link.indexOf("token=") + "token=".length());
	}

	/** The token with each of its characters in turn replaced by another. */
	private static List<String> oneCharacterChanged(String token) {
		List<String> changed = new ArrayList<>();
		for (int i = 0; i < token.length(); i++) {
			char replacement = (token.charAt(i) == 'A') ? 'B' : 'A';
			changed.add(token.substring(0, i) + replacement + token.substring(i + 1));
		}
		return changed;
	}

	/**
	 * The slow POST of the security pass, against every service at once: 210 connections
	 * each that send a body's headers and then a byte every two seconds. Each service
	 * answers its health and a page throughout, and refuses the bodies beyond one
	 * client's share at once.
	 */
	@Test
	@Order(7)
	void slowBodiesDoNotStopAnyServiceAnsweringOthers() throws Exception {
		Map<RawHttp, String> slowTargets = new LinkedHashMap<>();
		slowTargets.put(this.publisher, "/api/articles");
		slowTargets.put(this.feed, "/hub");
		slowTargets.put(this.notifier, "/subscribe");
		List<SlowClients> slow = new ArrayList<>();
		try {
			for (Map.Entry<RawHttp, String> target : slowTargets.entrySet()) {
				String type = target.getValue().equals("/api/articles") ? "application/json"
						: "application/x-www-form-urlencoded";
				slow.add(SlowClients.open(target.getKey().port(), 210, target.getValue(), type, 5_000,
						Duration.ofSeconds(2)));
			}
			long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (System.nanoTime() < end) {
				for (RawHttp service : List.of(this.publisher, this.feed, this.notifier)) {
					long started = System.nanoTime();
					Response health = service.send(Request.get("/actuator/health"));
					assertThat(health.status()).as(service + " health").isEqualTo(200);
					assertThat(Duration.ofNanos(System.nanoTime() - started)).as(service + " health")
						.isLessThan(Duration.ofSeconds(2));
				}
				assertThat(this.feed.send(Request.get("/feeds/atom.xml")).status()).isEqualTo(200);
				assertThat(this.notifier.send(Request.get("/subscribe")).status()).isEqualTo(200);
			}
			// Refused at once: beyond one client's share (429), or before their body
			// was read (the publisher's 401 without a token), their connections closed.
			for (SlowClients clients : slow) {
				assertThat(clients.answers()).as("slow bodies refused at once")
					.filteredOn((answer) -> answer.startsWith("HTTP/1.1 4"))
					.hasSizeGreaterThanOrEqualTo(150);
			}
		}
		finally {
			slow.forEach(SlowClients::close);
		}
	}

	private static RawHttp rawHttp(ServiceProcess service) {
		return new RawHttp(service.uri("/").getPort(), service.name());
	}

	private static void assertRefusedPage(Response response, String what) {
		Answers.page()
			.check(what + " answered " + response.status() + ": " + BadRequests.abbreviated(response.body()), response);
		assertThat(response.status()).as(what).isEqualTo(400);
	}

	private static void assertSafeContent(Element content, String where) {
		ActiveContent.assertNone(content, where);
		// Sanitizing kept what is safe; an empty content would pass the check above.
		assertThat(content.text()).as(where).contains("Safe text stays.");
		assertThat(content.select("a[href=\"https://example.org/safe\"]")).as("%s: the safe link", where).hasSize(1);
	}

	private static void assertText(org.w3c.dom.Element element, String text, String where) {
		for (int i = 0; i < element.getChildNodes().getLength(); i++) {
			assertThat(element.getChildNodes().item(i).getNodeType()).as("%s: only text", where)
				.isIn(org.w3c.dom.Node.TEXT_NODE, org.w3c.dom.Node.CDATA_SECTION_NODE);
		}
		assertThat(element.getTextContent()).as(where).isEqualTo(text);
	}

	private static org.w3c.dom.Document xml(HttpResponse<String> response) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
	}

	/** The element of the list whose child of that name has that text. */
	private static org.w3c.dom.Element only(NodeList elements, String childName, String text) {
		org.w3c.dom.Element found = null;
		for (int i = 0; i < elements.getLength(); i++) {
			org.w3c.dom.Element element = (org.w3c.dom.Element) elements.item(i);
			if (child(element, childName).getTextContent().equals(text)) {
				assertThat(found).as("a second item %s", text).isNull();
				found = element;
			}
		}
		assertThat(found).as("the item %s", text).isNotNull();
		return found;
	}

	private static org.w3c.dom.Element child(org.w3c.dom.Element parent, String name) {
		NodeList children = parent.getElementsByTagName(name);
		assertThat(children.getLength()).as("<%s> in <%s>", name, parent.getTagName()).isEqualTo(1);
		return (org.w3c.dom.Element) children.item(0);
	}

}
