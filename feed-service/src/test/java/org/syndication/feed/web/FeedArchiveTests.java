package org.syndication.feed.web;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.feed.Http;
import org.syndication.feed.rendering.AtomSchema;
import org.syndication.testsupport.TopicWriter;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Archived feeds (RFC 5005): walking {@code prev-archive} from a feed finds every article
 * published in it, each in the archive of its month, in all three formats.
 */
@FeedIntegrationTest
class FeedArchiveTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final String BASE = "http://localhost:8082";

	private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

	private static final Namespace HISTORY = Namespace.getNamespace("http://purl.org/syndication/history/1.0");

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	private TopicWriter topic;

	private Http http;

	private String category;

	private final Map<String, ArticleEvents.Builder> articles = new LinkedHashMap<>();

	@BeforeEach
	void publishOverSeveralMonths() {
		this.topic = new TopicWriter(this.broker.getBrokersAsString());
		this.http = new Http(this.port);
		this.category = "archive-" + UUID.randomUUID().toString().substring(0, 8);
		publish("september", "2025-09-10T08:00:00Z");
		publish("november-early", "2025-11-01T00:00:00Z");
		publish("november-late", "2025-11-30T23:59:59Z");
		publish("january", "2026-01-15T12:00:00Z");
		publish("this-month", Instant.now().toString());
		ArticleEvents.Builder retracted = publish("retracted", "2025-11-15T12:00:00Z");
		this.topic.send(retracted.version(2).retracted());
		this.articles.remove("retracted");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.http.body(feed("atom.xml")))
				.contains(this.articles.get("this-month").id().toString())
				.doesNotContain(retracted.id().toString()));
	}

	@AfterEach
	void closeTopic() {
		this.topic.close();
	}

	@Test
	void walkingPrevArchiveFromTheAtomFeedFindsEveryArticleOnceInTheArchiveOfItsMonth() throws Exception {
		Feed current = atom(this.http.get(feed("atom.xml")).body());
		String next = href(current.getOtherLinks(), "prev-archive");
		assertThat(next).isEqualTo(BASE + feed("archive/" + month(YearMonth.now(ZoneOffset.UTC)) + "atom.xml"));
		List<String> visited = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		String newer = null;
		while (next != null) {
			byte[] body = this.http.get(next.substring(BASE.length())).body();
			assertThat(AtomSchema.violations(body)).as(next).isEmpty();
			Feed archive = atom(body);
			visited.add(next);
			assertThat(archive.getForeignMarkup()).as("fh:archive in " + next)
				.anyMatch((element) -> element.getName().equals("archive") && element.getNamespace().equals(HISTORY));
			assertThat(archive.getId()).isEqualTo(current.getId());
			assertThat(href(archive.getOtherLinks(), "current")).isEqualTo(BASE + feed("atom.xml"));
			assertThat(href(archive.getOtherLinks(), "self")).isEqualTo(next);
			assertThat(href(archive.getOtherLinks(), "next-archive")).isEqualTo(newer);
			for (Entry entry : archive.getEntries()) {
				assertThat(seen.add(entry.getId())).as(entry.getId() + " in one archive only").isTrue();
			}
			newer = next;
			next = href(archive.getOtherLinks(), "prev-archive");
		}
		assertThat(visited).containsExactly(BASE + feed("archive/" + month(YearMonth.now(ZoneOffset.UTC)) + "atom.xml"),
				BASE + feed("archive/2026/01/atom.xml"), BASE + feed("archive/2025/11/atom.xml"),
				BASE + feed("archive/2025/09/atom.xml"));
		assertThat(seen).containsExactlyInAnyOrderElementsOf(ids());
	}

	@Test
	void rssAndJsonFeedArchivesLinkTheSameMonths() throws Exception {
		List<String> rss = walk(feed("rss.xml"), (body) -> {
			Element channel = xml(body).getRootElement().getChild("channel");
			return channel.getChildren("link", ATOM)
				.stream()
				.filter((link) -> link.getAttributeValue("rel").equals("prev-archive"))
				.map((link) -> link.getAttributeValue("href"))
				.findFirst()
				.orElse(null);
		});
		List<String> json = walk(feed("feed.json"), (body) -> {
			JsonNode next = JsonMapper.builder().build().readTree(body).get("next_url");
			return (next != null) ? next.asString() : null;
		});
		assertThat(rss).containsExactly(BASE + feed("archive/" + month(YearMonth.now(ZoneOffset.UTC)) + "rss.xml"),
				BASE + feed("archive/2026/01/rss.xml"), BASE + feed("archive/2025/11/rss.xml"),
				BASE + feed("archive/2025/09/rss.xml"));
		assertThat(json).containsExactly(BASE + feed("archive/" + month(YearMonth.now(ZoneOffset.UTC)) + "feed.json"),
				BASE + feed("archive/2026/01/feed.json"), BASE + feed("archive/2025/11/feed.json"),
				BASE + feed("archive/2025/09/feed.json"));
		Element november = xml(this.http.get(feed("archive/2025/11/rss.xml")).body()).getRootElement()
			.getChild("channel");
		assertThat(november.getChild("archive", HISTORY)).isNotNull();
		assertThat(november.getChildren("item")).hasSize(2);
		JsonNode januaryJson = JsonMapper.builder()
			.build()
			.readTree(this.http.get(feed("archive/2026/01/feed.json")).body());
		assertThat(januaryJson.get("_syndication").get("archive").asBoolean()).isTrue();
		assertThat(januaryJson.get("_syndication").get("current").asString()).isEqualTo(BASE + feed("feed.json"));
		assertThat(januaryJson.get("items")).hasSize(1);
	}

	@Test
	void aMonthThatIsOverIsCachedLongAndAnEditChangesItsValidators() {
		String november = feed("archive/2025/11/atom.xml");
		HttpResponse<byte[]> before = this.http.get(november);
		assertThat(before.headers().firstValue("Cache-Control")).hasValue("max-age=604800, public");
		assertThat(this.http.get(feed("archive/" + month(YearMonth.now(ZoneOffset.UTC)) + "atom.xml"))
			.headers()
			.firstValue("Cache-Control")).hasValue("max-age=60, public");
		String etag = before.headers().firstValue("ETag").orElseThrow();
		assertThat(this.http.get(november, "If-None-Match", etag).statusCode()).isEqualTo(304);

		this.topic.send(this.articles.get("november-late")
			.version(2)
			.title("Corrected in December")
			.updatedAt(Instant.parse("2025-12-02T10:00:00Z"))
			.updated());

		await().atMost(PATIENCE).untilAsserted(() -> {
			HttpResponse<byte[]> after = this.http.get(november, "If-None-Match", etag);
			assertThat(after.statusCode()).isEqualTo(200);
			assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains("Corrected in December");
		});
		assertThat(this.http.get(november).headers().firstValue("Last-Modified"))
			.hasValue("Tue, 2 Dec 2025 10:00:00 GMT");
	}

	@Test
	void monthsWithoutArticlesAndMalformedMonthsAreNotFound() {
		assertThat(this.http.get(feed("archive/2025/10/atom.xml")).statusCode()).isEqualTo(404);
		assertThat(this.http.get(feed("archive/2025/13/atom.xml")).statusCode()).isEqualTo(404);
		assertThat(this.http.get(feed("archive/25/11/atom.xml")).statusCode()).isEqualTo(404);
		assertThat(this.http.get(feed("archive/2025/11/")).statusCode()).isEqualTo(404);
		assertThat(
				this.http.get("/feeds/categories/no-such-" + this.category + "/archive/2025/11/atom.xml").statusCode())
			.isEqualTo(404);
		assertThat(this.http.get(feed("archive/2025/09/atom.xml")).headers().firstValue("Link"))
			.hasValue("<" + BASE + feed("archive/2025/09/atom.xml") + ">; rel=\"self\"");
	}

	private List<String> walk(String start, ThrowingFunction<byte[], String> prevArchive) throws Exception {
		List<String> visited = new ArrayList<>();
		String next = prevArchive.apply(this.http.get(start).body());
		while (next != null) {
			visited.add(next);
			HttpResponse<byte[]> response = this.http.get(next.substring(BASE.length()));
			assertThat(response.statusCode()).as(next).isEqualTo(200);
			next = prevArchive.apply(response.body());
		}
		return visited;
	}

	private ArticleEvents.Builder publish(String name, String publishedAt) {
		ArticleEvents.Builder article = ArticleEvents.article()
			.title("Archived " + name)
			.categories(this.category)
			.publishedAt(Instant.parse(publishedAt));
		this.topic.send(article.published());
		this.articles.put(name, article);
		return article;
	}

	private List<String> ids() {
		return this.articles.values().stream().map((article) -> "urn:uuid:" + article.id()).toList();
	}

	private String feed(String file) {
		return "/feeds/categories/" + this.category + "/" + file;
	}

	private static String month(YearMonth month) {
		return String.format(Locale.ROOT, "%04d/%02d/", month.getYear(), month.getMonthValue());
	}

	private static Feed atom(byte[] body) throws Exception {
		return (Feed) new WireFeedInput(false, Locale.US).build(new InputSource(new ByteArrayInputStream(body)));
	}

	private static Document xml(byte[] body) throws Exception {
		return new SAXBuilder().build(new ByteArrayInputStream(body));
	}

	private static String href(List<Link> links, String rel) {
		return links.stream().filter((link) -> rel.equals(link.getRel())).map(Link::getHref).findFirst().orElse(null);
	}

	@FunctionalInterface
	private interface ThrowingFunction<T, R> {

		R apply(T value) throws Exception;

	}

}
