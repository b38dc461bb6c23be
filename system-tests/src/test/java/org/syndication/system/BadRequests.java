package org.syndication.system;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.syndication.testsupport.RawHttp;
import org.syndication.testsupport.RawHttp.Request;
import org.syndication.testsupport.RawHttp.Response;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of bad requests to every endpoint of every service: each case is a name, the
 * service it goes to, the bytes sent, and what the answer must be. Every answer to bad
 * input is a 4xx, never a 5xx; it names no exception and shows no stack trace; and it
 * sets no header the request tried to inject.
 */
final class BadRequests {

	private static final String ONE_MIB_AND_MORE = "a".repeat(1_100_000);

	private static final String HUNDRED_KB = "a".repeat(100_000);

	private final RawHttp publisher;

	private final RawHttp feed;

	private final RawHttp notifier;

	private final String token;

	private final Fixture fixture;

	BadRequests(RawHttp publisher, RawHttp feed, RawHttp notifier, String token, Fixture fixture) {
		this.publisher = publisher;
		this.feed = feed;
		this.notifier = notifier;
		this.token = token;
		this.fixture = fixture;
	}

	/**
	 * What the bad requests are built on: a published article, and the three tokens of a
	 * confirmed subscriber's mails.
	 *
	 * @param articleId the article, at version 1
	 * @param category the category of the article and of the subscriber
	 * @param confirmToken from the subscriber's confirmation mail
	 * @param unsubscribeToken from an alert's unsubscribe link
	 * @param manageToken from an alert's link to the subscription's page
	 */
	record Fixture(String articleId, String category, String confirmToken, String unsubscribeToken,
			String manageToken) {

	}

	/**
	 * One bad request.
	 *
	 * @param name what is wrong with it, as reported
	 * @param service where it goes
	 * @param request the request
	 * @param expected what the answer must be
	 */
	record Case(String name, RawHttp service, Request request, Expectation expected) {

		void run() {
			Response response = this.service.send(this.request);
			String what = this.service + " " + this.request + " (" + this.name + ") answered " + response.status() + " "
					+ response.contentType() + ": " + abbreviated(response.body());
			this.expected.check(what, response);
		}

	}

	/** What an answer must be. */
	@FunctionalInterface
	interface Expectation {

		void check(String what, Response response);

	}

	// --- publisher-service

	List<Case> publisher() {
		List<Case> cases = new ArrayList<>();
		String id = this.fixture.articleId();
		// Wrong JSON types and shapes.
		Map<String, String> wrongBodies = Map.ofEntries(Map.entry("the title is a number", "{\"title\": 42}"),
				Map.entry("the title is an object", "{\"title\": {\"text\": \"x\"}}"),
				Map.entry("the title is a list", "{\"title\": [\"x\"]}"),
				Map.entry("the title is a boolean", "{\"title\": true}"),
				Map.entry("the summary is a number", "{\"title\": \"x\", \"summary\": 1.5}"),
				Map.entry("the categories are a string", "{\"title\": \"x\", \"categories\": \"news\"}"),
				Map.entry("a category is a number", "{\"title\": \"x\", \"categories\": [1]}"),
				Map.entry("an author is an object", "{\"title\": \"x\", \"authors\": [{\"name\": \"x\"}]}"),
				Map.entry("an author is null", "{\"title\": \"x\", \"authors\": [null]}"),
				Map.entry("publishedAt is a number", "{\"title\": \"x\", \"publishedAt\": 1700000000}"),
				Map.entry("the status is not a status", "{\"title\": \"x\", \"status\": \"LIVE\"}"),
				Map.entry("the status is RETRACTED", "{\"title\": \"x\", \"status\": \"RETRACTED\"}"),
				Map.entry("the body is a JSON array", "[]"), Map.entry("the body is a JSON string", "\"x\""),
				Map.entry("the body is null", "null"), Map.entry("the body is cut off", "{\"title\": \"x\""),
				Map.entry("the body is empty", ""), Map.entry("the title is missing", "{\"summary\": \"x\"}"),
				Map.entry("the title is blank", "{\"title\": \"  \"}"),
				Map.entry("the title is only line breaks and NUL", "{\"title\": \"\\r\\n\\u0000\"}"),
				Map.entry("the title has 301 characters", "{\"title\": \"" + "x".repeat(301) + "\"}"),
				Map.entry("the summary has 10,001 characters",
						"{\"title\": \"x\", \"summary\": \"" + "x".repeat(10_001) + "\"}"),
				Map.entry("51 categories",
						"{\"title\": \"x\", \"categories\": "
								+ jsonList(IntStream.range(0, 51).mapToObj("c%d"::formatted).toList()) + "}"),
				Map.entry("a category of 101 characters",
						"{\"title\": \"x\", \"categories\": [\"" + "c".repeat(101) + "\"]}"),
				Map.entry("an author of 201 characters",
						"{\"title\": \"x\", \"authors\": [\"" + "a".repeat(201) + "\"]}"),
				Map.entry("an unknown field", "{\"title\": \"x\", \"isAdmin\": true}"),
				Map.entry("CR/LF and a header in the url (header injection)",
						"{\"title\": \"x\", \"url\": \"https://example.org/\\r\\nSet-Cookie: injected=1\"}"),
				Map.entry("NUL in the url", "{\"title\": \"x\", \"url\": \"https://example.org/\\u0000\"}"),
				Map.entry("a javascript: url", "{\"title\": \"x\", \"url\": \"javascript:alert(1)\"}"),
				Map.entry("a data: url", "{\"title\": \"x\", \"url\": \"data:text/html,<script>alert(1)</script>\"}"),
				Map.entry("a relative url", "{\"title\": \"x\", \"url\": \"/articles/x\"}"),
				Map.entry("CR/LF and a header in the language",
						"{\"title\": \"x\", \"language\": \"en\\r\\nInjected: 1\"}"),
				Map.entry("NUL in the language", "{\"title\": \"x\", \"language\": \"e\\u0000n\"}"),
				Map.entry("SQL in publishedAt", "{\"title\": \"x\", \"publishedAt\": \"'; DROP TABLE article; --\"}"),
				Map.entry("CR/LF in publishedAt",
						"{\"title\": \"x\", \"publishedAt\": \"2026-11-23\\r\\nInjected: 1\"}"),
				Map.entry("SQL in the status", "{\"title\": \"x\", \"status\": \"' OR 1=1 --\"}"),
				// Sent as 300 KB, 1.5 MB once sanitized (& becomes &amp;): more than one
				// Kafka record may hold.
				Map.entry("content that grows past what an event may hold once sanitized",
						"{\"title\": \"x\", \"contentHtml\": \"<p>" + "&".repeat(300_000) + "</p>\"}"));
		wrongBodies.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((body) -> cases.add(new Case("POST /api/articles: " + body.getKey(), this.publisher,
					authorized(Request.of("POST", "/api/articles")).json(body.getValue()), Answers.problem())));
		for (Map.Entry<String, byte[]> utf8 : invalidUtf8("{\"title\": \"", "\"}").entrySet()) {
			cases.add(new Case("POST /api/articles: " + utf8.getKey(), this.publisher,
					authorized(Request.of("POST", "/api/articles")).body("application/json", utf8.getValue()),
					Answers.problem(400)));
		}
		String big = "{\"title\": \"x\", \"summary\": \"" + ONE_MIB_AND_MORE + "\"}";
		cases.add(new Case("POST /api/articles: a body over 1 MiB", this.publisher,
				authorized(Request.of("POST", "/api/articles")).json(big), Answers.problem(413)));
		cases.add(new Case("POST /api/articles: a body over 1 MiB in chunks", this.publisher,
				authorized(Request.of("POST", "/api/articles")).json(big).chunked(), Answers.problem(413)));
		cases.add(new Case("POST /api/articles: a form instead of JSON", this.publisher,
				authorized(Request.of("POST", "/api/articles")).form("title=x"), Answers.problem(415)));
		cases.add(new Case("POST /api/articles: JSON sent as text/plain", this.publisher,
				authorized(Request.of("POST", "/api/articles")).body("text/plain",
						"{\"title\": \"x\"}".getBytes(StandardCharsets.UTF_8)),
				Answers.problem(415)));

		// PUT: the article at version 1 must stay as it is.
		String put = "/api/articles/" + id;
		String valid = "{\"title\": \"Replaced\"}";
		cases.add(new Case("PUT: without If-Match", this.publisher, authorized(Request.of("PUT", put)).json(valid),
				Answers.problem(428)));
		cases.add(new Case("PUT: SQL in If-Match", this.publisher,
				authorized(Request.of("PUT", put)).header("If-Match", "\"1\" OR 1=1 --").json(valid),
				Answers.problem(400)));
		cases.add(new Case("PUT: an unquoted If-Match", this.publisher,
				authorized(Request.of("PUT", put)).header("If-Match", "1").json(valid), Answers.problem(400)));
		cases.add(new Case("PUT: a stale If-Match", this.publisher,
				authorized(Request.of("PUT", put)).header("If-Match", "\"99\"").json(valid), Answers.problem(412)));
		cases.add(new Case("PUT: the title is a number", this.publisher,
				authorized(Request.of("PUT", put)).header("If-Match", "\"1\"").json("{\"title\": 42}"),
				Answers.problem(400)));
		cases.add(new Case("PUT: CR/LF in the url", this.publisher,
				authorized(Request.of("PUT", put)).header("If-Match", "\"1\"")
					.json("{\"title\": \"x\", \"url\": \"https://example.org/\\r\\nSet-Cookie: injected=1\"}"),
				Answers.problem(400)));
		cases.add(new Case("PUT: status RETRACTED", this.publisher,
				authorized(Request.of("PUT", put)).header("If-Match", "\"1\"")
					.json("{\"title\": \"x\", \"status\": \"RETRACTED\"}"),
				Answers.problem(400)));
		cases.add(new Case("PUT: a published article back to DRAFT", this.publisher,
				authorized(Request.of("PUT", put)).header("If-Match", "\"1\"")
					.json("{\"title\": \"x\", \"status\": \"DRAFT\"}"),
				Answers.problem(409)));
		cases.add(new Case("PUT: invalid UTF-8", this.publisher,
				authorized(Request.of("PUT", put)).header("If-Match", "\"1\"")
					.body("application/json", invalidUtf8("{\"title\": \"", "\"}").get("invalid UTF-8 (C3 28)")),
				Answers.problem(400)));
		cases.add(new Case("PUT: a body over 1 MiB", this.publisher,
				authorized(Request.of("PUT", put)).header("If-Match", "\"1\"").json(big), Answers.problem(413)));
		for (Map.Entry<String, String> badId : badIds().entrySet()) {
			cases.add(new Case("PUT: " + badId.getKey(), this.publisher,
					authorized(Request.of("PUT", "/api/articles/" + badId.getValue())).header("If-Match", "\"1\"")
						.json(valid),
					Answers.problem()));
			cases.add(new Case("GET: " + badId.getKey(), this.publisher,
					authorized(Request.get("/api/articles/" + badId.getValue())), Answers.problem()));
			cases.add(new Case("DELETE: " + badId.getKey(), this.publisher,
					authorized(Request.of("DELETE", "/api/articles/" + badId.getValue())), Answers.problem()));
			cases.add(new Case("reader's page: " + badId.getKey(), this.publisher,
					Request.get("/articles/" + badId.getValue()), Answers.page()));
		}
		cases.add(new Case("DELETE /api/articles: the collection", this.publisher,
				authorized(Request.of("DELETE", "/api/articles")), Answers.problem(405)));

		// The list's query.
		Map<String, String> queries = Map.of("size 0", "size=0", "size 101", "size=101", "a negative page", "page=-1",
				"size not a number", "size=abc", "SQL in size", "size=" + encode("' OR 1=1 --"), "SQL in page",
				"page=" + encode("0; DROP TABLE article; --"), "a page beyond a long", "page=99999999999999999999",
				"a 100 KB query string", "page=0&q=" + HUNDRED_KB);
		queries.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((query) -> cases.add(new Case("GET /api/articles: " + query.getKey(), this.publisher,
					authorized(Request.get("/api/articles?" + query.getValue())), Answers.problem())));

		// The reader's page, which browsers see.
		cases.add(new Case("reader's page: a 100 KB query string", this.publisher,
				Request.get("/articles/" + id + "?q=" + HUNDRED_KB), Answers.problem()));
		cases.add(new Case("reader's page: a 20,000-character path", this.publisher,
				Request.get("/articles/" + "a".repeat(20_000)), Answers.problem()));
		cases.add(new Case("reader's page: POST", this.publisher, Request.of("POST", "/articles/" + id).form("x=1"),
				Answers.problem(405)));
		cases.addAll(actuator(this.publisher));
		return cases;
	}

	/** Article ids no article has: malformed, injections, traversal, unknown. */
	private static Map<String, String> badIds() {
		Map<String, String> ids = new LinkedHashMap<>();
		ids.put("an id that is not a UUID", "not-a-uuid");
		ids.put("SQL in the id", encode("' OR 1=1 --"));
		ids.put("SQL that drops a table in the id", encode("'; DROP TABLE article; --"));
		ids.put("CR/LF and a header in the id", "x%0d%0aSet-Cookie:%20injected=1");
		ids.put("NUL in the id", "x%00");
		ids.put("a traversal in the id", "..%2f..%2factuator%2fenv");
		ids.put("an unknown id", UUID.randomUUID().toString());
		return ids;
	}

	// --- feed-service

	List<Case> feed() {
		List<Case> cases = new ArrayList<>();
		Map<String, String> paths = new LinkedHashMap<>();
		paths.put("a traversal to the metrics", "/feeds/../actuator/prometheus");
		paths.put("an encoded traversal to /etc/passwd", "/feeds/%2e%2e/%2e%2e/etc/passwd");
		paths.put("an encoded traversal in a category", "/feeds/categories/..%2f..%2fetc/rss.xml");
		paths.put("a traversal out of a category", "/feeds/categories/x/../../../etc/passwd");
		paths.put("SQL in a category", "/feeds/categories/" + encode("' OR 1=1 --") + "/rss.xml");
		paths.put("SQL that drops a table in a category",
				"/feeds/categories/" + encode("'; DROP TABLE feed_item; --") + "/atom.xml");
		paths.put("SQL in an author", "/feeds/authors/" + encode("' OR 1=1 --") + "/feed.json");
		paths.put("CR/LF and a header in a category", "/feeds/categories/a%0d%0aSet-Cookie:%20injected=1/rss.xml");
		paths.put("NUL in a category", "/feeds/categories/a%00b/rss.xml");
		paths.put("invalid UTF-8 in a category", "/feeds/categories/%C3%28/rss.xml");
		paths.put("a byte that is never UTF-8 in an author", "/feeds/authors/%FF/atom.xml");
		paths.put("a 5,000-character category", "/feeds/categories/" + "a".repeat(5_000) + "/rss.xml");
		paths.put("a 20,000-character path", "/feeds/" + "a".repeat(20_000));
		paths.put("a 100 KB query string", "/feeds/rss.xml?q=" + HUNDRED_KB);
		paths.put("an unknown format", "/feeds/rss.html");
		paths.put("an unknown kind of feed", "/feeds/tags/x/rss.xml");
		paths.put("an empty category", "/feeds/categories//rss.xml");
		for (Map.Entry<String, String> path : paths.entrySet()) {
			cases.add(new Case("GET " + path.getKey(), this.feed, Request.get(path.getValue()), Answers.problem()));
		}
		for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
			cases.add(new Case(method + " a feed with a JSON body", this.feed,
					Request.of(method, "/feeds/rss.xml").json("{\"title\": \"x\"}"), Answers.problem(405)));
		}
		// The WebSub hub: a form from anybody on the internet.
		String topic = "http://127.0.0.1:" + this.feed.port() + "/feeds/atom.xml";
		Map<String, String> hubForms = new LinkedHashMap<>();
		hubForms.put("no hub.mode", "hub.topic=" + encode(topic) + "&hub.callback=https%3A%2F%2Freader.example%2F");
		hubForms.put("hub.mode publish", "hub.mode=publish&hub.topic=" + encode(topic));
		hubForms.put("hub.mode given twice", "hub.mode=subscribe&hub.mode=unsubscribe&hub.topic=" + encode(topic)
				+ "&hub.callback=https%3A%2F%2Freader.example%2F");
		hubForms.put("a topic elsewhere",
				"hub.mode=subscribe&hub.topic=https%3A%2F%2Fevil.example%2Ffeed&hub.callback=https%3A%2F%2Freader.example%2F");
		hubForms.put("a topic that is an archive",
				"hub.mode=subscribe&hub.topic=" + encode(topic.replace("atom.xml", "archive/2026/01/atom.xml"))
						+ "&hub.callback=https%3A%2F%2Fr.example%2F");
		hubForms.put("SQL in the topic", "hub.mode=subscribe&hub.topic=" + encode(topic + "' OR 1=1 --")
				+ "&hub.callback=https%3A%2F%2Freader.example%2F");
		Map<String, String> callbacks = new LinkedHashMap<>();
		callbacks.put("a file callback", "file:///etc/passwd");
		callbacks.put("a gopher callback", "gopher://reader.example/");
		callbacks.put("the cloud metadata service as callback", "http://169.254.169.254/latest/meta-data/");
		callbacks.put("a private network callback", "http://10.0.0.1/");
		callbacks.put("a callback with user information", "http://user:secret@reader.example/");
		callbacks.put("CR/LF in the callback", "https://reader.example/\r\nX-Injected: 1");
		callbacks.put("a 5,000-character callback", "https://reader.example/" + "a".repeat(5_000));
		callbacks.forEach((name, callback) -> hubForms.put(name,
				"hub.mode=subscribe&hub.topic=" + encode(topic) + "&hub.callback=" + encode(callback)));
		hubForms.put("a 300-byte secret", "hub.mode=subscribe&hub.topic=" + encode(topic)
				+ "&hub.callback=https%3A%2F%2Freader.example%2F&hub.secret=" + "s".repeat(300));
		hubForms.put("a negative lease", "hub.mode=subscribe&hub.topic=" + encode(topic)
				+ "&hub.callback=https%3A%2F%2Freader.example%2F&hub.lease_seconds=-5");
		for (Map.Entry<String, String> form : hubForms.entrySet()) {
			cases.add(new Case("POST /hub: " + form.getKey(), this.feed,
					Request.of("POST", "/hub").form(form.getValue()), Answers.problem(400)));
		}
		cases.add(new Case("POST /hub: JSON instead of a form", this.feed,
				Request.of("POST", "/hub").json("{\"hub.mode\": \"subscribe\"}"), Answers.problem(415)));
		cases.add(new Case("POST a feed with a body over 1 MiB", this.feed,
				Request.of("POST", "/feeds/atom.xml").json("{\"x\": \"" + ONE_MIB_AND_MORE + "\"}"),
				Answers.problem()));
		cases.addAll(actuator(this.feed));
		return cases;
	}

	// --- notifier-service

	List<Case> notifier() {
		List<Case> cases = new ArrayList<>();
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("the email is a number", "{\"email\": 42, \"categories\": []}");
		bodies.put("the email is a list", "{\"email\": [\"a@example.org\"], \"categories\": []}");
		bodies.put("the categories are a string", "{\"email\": \"bis-a@example.org\", \"categories\": \"news\"}");
		bodies.put("a category is a number", "{\"email\": \"bis-a@example.org\", \"categories\": [42]}");
		bodies.put("a category is a boolean", "{\"email\": \"bis-a@example.org\", \"categories\": [true]}");
		bodies.put("a category is an object",
				"{\"email\": \"bis-a@example.org\", \"categories\": [{\"name\": \"news\"}]}");
		bodies.put("the email is missing", "{\"categories\": []}");
		bodies.put("the email is blank", "{\"email\": \" \", \"categories\": []}");
		bodies.put("CR/LF and a Bcc header in the email (header injection)",
				"{\"email\": \"bis-a@example.org\\r\\nBcc: victim@example.org\", \"categories\": []}");
		bodies.put("LF and a Bcc header in the email",
				"{\"email\": \"bis-a@example.org\\nBcc: victim@example.org\", \"categories\": []}");
		bodies.put("NUL in the email", "{\"email\": \"bis-a\\u0000@example.org\", \"categories\": []}");
		bodies.put("a display name with the email", "{\"email\": \"Eve <bis-a@example.org>\", \"categories\": []}");
		bodies.put("two addresses", "{\"email\": \"bis-a@example.org, victim@example.org\", \"categories\": []}");
		bodies.put("SQL in the email", "{\"email\": \"' OR 1=1 --@example.org\", \"categories\": []}");
		bodies.put("SQL that drops a table in the email",
				"{\"email\": \"bis-a@example.org'; DROP TABLE subscriber; --\", \"categories\": []}");
		bodies.put("an email of 255 characters",
				"{\"email\": \"" + "a".repeat(243) + "@example.org\", \"categories\": []}");
		bodies.put("CR/LF in a category",
				"{\"email\": \"bis-a@example.org\", \"categories\": [\"news\\r\\nBcc: victim@example.org\"]}");
		bodies.put("NUL in a category", "{\"email\": \"bis-a@example.org\", \"categories\": [\"ne\\u0000ws\"]}");
		bodies.put("51 categories", "{\"email\": \"bis-a@example.org\", \"categories\": "
				+ jsonList(IntStream.range(0, 51).mapToObj("c%d"::formatted).toList()) + "}");
		bodies.put("a category of 101 characters",
				"{\"email\": \"bis-a@example.org\", \"categories\": [\"" + "c".repeat(101) + "\"]}");
		bodies.put("an unknown frequency", "{\"email\": \"bis-a@example.org\", \"frequency\": \"hourly\"}");
		bodies.put("the frequency is a number", "{\"email\": \"bis-a@example.org\", \"frequency\": 1}");
		bodies.put("an unknown time zone", "{\"email\": \"bis-a@example.org\", \"timeZone\": \"Mars/Olympus\"}");
		bodies.put("a fixed offset as the time zone", "{\"email\": \"bis-a@example.org\", \"timeZone\": \"+02:00\"}");
		bodies.put("the body is not JSON", "email=bis-a@example.org");
		bodies.put("the body is cut off", "{\"email\": \"bis-a@example.org\"");
		bodies.put("the body is empty", "");
		bodies.put("the body is a JSON array", "[]");
		for (Map.Entry<String, String> body : bodies.entrySet()) {
			cases.add(new Case("POST /api/subscriptions: " + body.getKey(), this.notifier,
					Request.of("POST", "/api/subscriptions").json(body.getValue()), Answers.problem()));
		}
		for (Map.Entry<String, byte[]> utf8 : invalidUtf8("{\"email\": \"bis-", "@example.org\"}").entrySet()) {
			cases.add(new Case("POST /api/subscriptions: " + utf8.getKey(), this.notifier,
					Request.of("POST", "/api/subscriptions").body("application/json", utf8.getValue()),
					Answers.problem(400)));
		}
		String big = "{\"email\": \"bis-a@example.org\", \"categories\": [\"" + ONE_MIB_AND_MORE + "\"]}";
		cases.add(new Case("POST /api/subscriptions: a body over 1 MiB", this.notifier,
				Request.of("POST", "/api/subscriptions").json(big), Answers.problem(413)));
		cases.add(new Case("POST /api/subscriptions: a body over 1 MiB in chunks", this.notifier,
				Request.of("POST", "/api/subscriptions").json(big).chunked(), Answers.problem(413)));
		cases.add(new Case("POST /api/subscriptions: JSON sent as text/plain", this.notifier,
				Request.of("POST", "/api/subscriptions")
					.body("text/plain", "{\"email\": \"bis-a@example.org\"}".getBytes(StandardCharsets.UTF_8)),
				Answers.problem(415)));
		cases.add(new Case("GET /api/subscriptions", this.notifier, Request.get("/api/subscriptions"),
				Answers.problem(405)));
		cases.add(new Case("POST /api/subscriptions: a 100 KB query string", this.notifier,
				Request.of("POST", "/api/subscriptions?q=" + HUNDRED_KB).json("{\"email\": \"bis-a@example.org\"}"),
				Answers.problem()));

		// The pages behind the links in mails: every token but the right one is refused.
		Fixture f = this.fixture;
		Map<String, String> confirmTokens = badTokens(f.confirmToken());
		confirmTokens.put("an unsubscribe token", f.unsubscribeToken());
		confirmTokens.put("a token to manage the subscription", f.manageToken());
		Map<String, String> unsubscribeTokens = badTokens(f.unsubscribeToken());
		unsubscribeTokens.put("a confirmation token", f.confirmToken());
		unsubscribeTokens.put("a token to manage the subscription", f.manageToken());
		Map<String, String> manageTokens = badTokens(f.manageToken());
		manageTokens.put("a confirmation token", f.confirmToken());
		manageTokens.put("an unsubscribe token", f.unsubscribeToken());
		pages(cases, "GET", "/subscriptions/confirm", confirmTokens);
		pages(cases, "GET", "/subscriptions/unsubscribe", unsubscribeTokens);
		pages(cases, "POST", "/subscriptions/unsubscribe", unsubscribeTokens);
		pages(cases, "GET", "/subscriptions/manage", manageTokens);
		pages(cases, "POST", "/subscriptions/manage", manageTokens);
		cases.add(new Case("GET /subscriptions/confirm: invalid UTF-8 in the token", this.notifier,
				Request.get("/subscriptions/confirm?token=%C3%28"), Answers.page()));
		cases.add(new Case("GET /subscriptions/confirm: a 100 KB token", this.notifier,
				Request.get("/subscriptions/confirm?token=" + HUNDRED_KB), Answers.page()));
		cases.add(new Case("POST /subscriptions/confirm", this.notifier,
				Request.of("POST", "/subscriptions/confirm?token=" + f.confirmToken()).form(""), Answers.problem(405)));
		String manage = "/subscriptions/manage?token=" + f.manageToken();
		cases.add(new Case("POST /subscriptions/manage: CR/LF in the categories", this.notifier,
				Request.of("POST", manage).form("categories=" + encode("news\r\nBcc: victim@example.org")),
				Answers.page()));
		cases.add(new Case("POST /subscriptions/manage: an unknown frequency", this.notifier,
				Request.of("POST", manage).form("categories=news&frequency=hourly"), Answers.page()));
		cases.add(new Case("POST /subscriptions/manage: an unknown time zone", this.notifier,
				Request.of("POST", manage).form("categories=news&timeZone=Europe%2FAtlantis"), Answers.page()));
		cases.add(new Case("POST /api/digests/daily/runs without a token", this.notifier,
				Request.of("POST", "/api/digests/daily/runs"), Answers.problem(401)));
		cases.add(new Case("POST /api/digests/daily/runs with a wrong token", this.notifier,
				Request.of("POST", "/api/digests/daily/runs").bearer("not-the-token"), Answers.problem(401)));
		cases.add(new Case("POST /api/digests/hourly/runs", this.notifier,
				authorized(Request.of("POST", "/api/digests/hourly/runs")), Answers.problem(404)));
		cases.add(new Case("GET /api/digests/daily/runs", this.notifier,
				authorized(Request.get("/api/digests/daily/runs")), Answers.problem(405)));
		cases.add(new Case("POST /subscriptions/manage: NUL in the categories", this.notifier,
				Request.of("POST", manage).form("categories=ne%00ws"), Answers.page()));
		cases.add(new Case("POST /subscriptions/manage: 5,001 characters of categories", this.notifier,
				Request.of("POST", manage).form("categories=" + "c".repeat(5_001)), Answers.page()));
		cases.add(new Case("POST /subscriptions/manage: invalid UTF-8 in the form", this.notifier,
				Request.of("POST", manage).form("categories=%C3%28"), Answers.page()));
		cases.add(new Case("POST /subscriptions/manage: a form over 1 MiB", this.notifier,
				Request.of("POST", manage).form("categories=" + ONE_MIB_AND_MORE), Answers.page()));
		cases.add(new Case("GET a 20,000-character path", this.notifier,
				Request.get("/subscriptions/" + "a".repeat(20_000)), Answers.problem()));
		cases.addAll(actuator(this.notifier));
		return cases;
	}

	/** Bad input to the endpoints that need no token. */
	private static List<Case> actuator(RawHttp service) {
		return List.of(
				new Case("actuator health: a 100 KB query string", service,
						Request.get("/actuator/health?q=" + HUNDRED_KB), Answers.problem()),
				new Case("actuator health: SQL in the path", service,
						Request.get("/actuator/health/" + encode("' OR 1=1 --")), Answers.problem()),
				new Case("actuator health: a traversal", service,
						Request.get("/actuator/health/%2e%2e/%2e%2e/etc/passwd"), Answers.problem()),
				new Case("actuator health: a plain traversal", service,
						Request.get("/actuator/health/../../etc/passwd"), Answers.problem(400)),
				new Case("actuator info: POST with a body", service,
						Request.of("POST", "/actuator/info").json("{\"x\": 1}"), Answers.problem()));
	}

	private void pages(List<Case> cases, String method, String path, Map<String, String> tokens) {
		for (Map.Entry<String, String> token : tokens.entrySet()) {
			String target = (token.getValue() != null) ? path + "?token=" + token.getValue() : path;
			Request request = method.equals("POST") ? Request.of("POST", target).form("categories=news")
					: Request.get(target);
			cases.add(new Case(method + " " + path + ": " + token.getKey(), this.notifier, request, Answers.page()));
		}
	}

	/** Tokens that look like the real one, or attack the page; null for none at all. */
	private static Map<String, String> badTokens(String real) {
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("no token", null);
		tokens.put("an empty token", "");
		tokens.put("a forged token", "A".repeat(real.length()));
		tokens.put("a random token", Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(
					(UUID.randomUUID() + "-" + UUID.randomUUID()).substring(0, 45).getBytes(StandardCharsets.UTF_8)));
		tokens.put("a truncated token", real.substring(0, real.length() - 4));
		tokens.put("a token with more after it", real + "AAAA");
		tokens.put("the token twice", real + real);
		tokens.put("the token padded", real + "==");
		tokens.put("SQL in the token", encode("' OR 1=1 --"));
		tokens.put("SQL that drops a table in the token", encode("'; DROP TABLE subscriber; --"));
		tokens.put("CR/LF and a header in the token", real + "%0d%0aSet-Cookie:%20injected=1");
		tokens.put("NUL in the token", real + "%00");
		tokens.put("script in the token", encode("\"><script>alert(1)</script>"));
		return tokens;
	}

	// --- helpers

	private Request authorized(Request request) {
		return request.bearer(this.token);
	}

	/** Bodies that are not UTF-8, each between a prefix and a suffix of JSON. */
	private static Map<String, byte[]> invalidUtf8(String prefix, String suffix) {
		Map<String, byte[]> bodies = new LinkedHashMap<>();
		bodies.put("invalid UTF-8 (C3 28)", bytes(prefix, new byte[] { (byte) 0xC3, 0x28 }, suffix));
		bodies.put("a lone continuation byte (80)", bytes(prefix, new byte[] { (byte) 0x80 }, suffix));
		bodies.put("a byte that is never UTF-8 (FF)", bytes(prefix, new byte[] { (byte) 0xFF }, suffix));
		bodies.put("a surrogate encoded as UTF-8 (ED A0 80)",
				bytes(prefix, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, suffix));
		bodies.put("an overlong encoding of / (C0 AF)", bytes(prefix, new byte[] { (byte) 0xC0, (byte) 0xAF }, suffix));
		bodies.put("a sequence cut off at the end (E2 82)", bytes(prefix, new byte[] { (byte) 0xE2, (byte) 0x82 }, ""));
		return bodies;
	}

	private static byte[] bytes(String prefix, byte[] middle, String suffix) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(middle);
		out.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String jsonList(List<String> names) {
		return names.stream().map((name) -> "\"" + name + "\"").collect(Collectors.joining(", ", "[", "]"));
	}

	static String abbreviated(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

	/**
	 * The answers bad input may get.
	 */
	static final class Answers {

		private Answers() {
		}

		/** Any 4xx problem. */
		static Expectation problem() {
			return (what, response) -> {
				refused(what, response);
				isProblem(what, response);
			};
		}

		/** A problem with this status. */
		static Expectation problem(int status) {
			return (what, response) -> {
				assertThat(response.status()).as(what).isEqualTo(status);
				problem().check(what, response);
			};
		}

		/**
		 * A 4xx from a page that browsers open: an HTML page of the service's own, or a
		 * problem when the request never reached the page.
		 */
		static Expectation page() {
			return (what, response) -> {
				refused(what, response);
				if (response.contentType().startsWith("text/html")) {
					// Whatever the request carried is not written into the page as
					// markup.
					assertThat(response.body()).as(what).doesNotContain("<script", "injected");
				}
				else {
					isProblem(what, response);
				}
			};
		}

		/** 401 with a problem and a bearer challenge. */
		static Expectation unauthorized() {
			return (what, response) -> {
				assertThat(response.status()).as(what).isEqualTo(401);
				problem().check(what, response);
				assertThat(response.header("WWW-Authenticate")).as(what)
					.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
			};
		}

		/**
		 * Closed: 401 without the right token, 404 where nothing is exposed, 400 for a
		 * path with dot segments; never the endpoint's content.
		 */
		static Expectation closed() {
			return (what, response) -> {
				assertThat(response.status()).as(what).isIn(400, 401, 404);
				problem().check(what, response);
				assertThat(response.body()).as(what).doesNotContain("jvm_", "propertySources", "activeProfiles");
			};
		}

		/** What every refusal shares: a 4xx, no trace of the server's insides. */
		static void refused(String what, Response response) {
			assertThat(response.status()).as(what).isBetween(400, 499);
			assertThat(response.body()).as(what)
				.doesNotContain("Exception", "at org.", "at java.", "\tat ", "Caused by", "Tomcat", "Apache");
			assertThat(response.headers()).as(what).doesNotContainKeys("set-cookie", "injected");
		}

		private static void isProblem(String what, Response response) {
			assertThat(response.contentType()).as(what).startsWith("application/problem+json");
			JsonNode problem = Http.JSON.readTree(response.body());
			assertThat(problem.path("status").asInt()).as(what).isEqualTo(response.status());
			assertThat(problem.path("title").asString()).as(what).isNotBlank();
		}

	}

}
