package org.syndication.feed.websub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.feed.Http;
import org.syndication.testsupport.TopicWriter;
import org.syndication.testsupport.WebSubSubscriber;
import org.syndication.testsupport.ZipkinCollector;
import org.syndication.testsupport.ZipkinCollector.Span;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An article change continues its trace through feed-service: the record's
 * {@code traceparent} is the parent of the span that applied it, and that span the parent
 * of the WebSub push the change caused. The age of each applied event is measured; feed
 * polls make no span.
 */
@FeedIntegrationTest
@TestPropertySource(
		properties = { "management.tracing.export.enabled=true", "management.tracing.sampling.probability=1.0" })
class TracingTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final ZipkinCollector ZIPKIN = new ZipkinCollector();

	@DynamicPropertySource
	static void zipkin(DynamicPropertyRegistry registry) {
		registry.add("management.tracing.export.zipkin.endpoint", ZIPKIN::endpoint);
	}

	@AfterAll
	static void stopZipkin() {
		ZIPKIN.close();
	}

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JdbcClient jdbc;

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
	void aTracedChangeIsAppliedAndPushedInItsTrace() throws Exception {
		String category = "traced-" + UUID.randomUUID().toString().substring(0, 8);
		ArticleEvents.Builder first = ArticleEvents.article().categories(category);
		this.topic.send(first.published());
		await().atMost(PATIENCE)
			.until(() -> this.http.get("/feeds/categories/" + category + "/atom.xml").statusCode() == 200);
		String topicUrl = "http://localhost:8082/feeds/categories/" + category + "/atom.xml";
		try (WebSubSubscriber subscriber = new WebSubSubscriber(null)) {
			assertThat(subscribe(subscriber.callback(), topicUrl)).isEqualTo(202);
			await().atMost(PATIENCE)
				.until(() -> this.jdbc.sql("SELECT COUNT(*) FROM websub_subscription WHERE callback = :callback")
					.param("callback", subscriber.callback())
					.query(Integer.class)
					.single() == 1);

			String traceId = randomHex(16);
			String sendSpan = randomHex(8);
			ArticleEvents.Builder article = ArticleEvents.article().title("Traced").categories(category);
			this.topic.send(article.published(), "00-" + traceId + "-" + sendSpan + "-01");
			await().atMost(PATIENCE)
				.until(() -> subscriber.pushes().stream().anyMatch((push) -> push.text().contains("Traced")));

			List<Span> trace = await().atMost(PATIENCE)
				.until(() -> ZIPKIN.trace(traceId),
						(spans) -> spans.stream()
							.map(Span::name)
							.toList()
							.containsAll(List.of("feed apply", "websub push")));
			Span apply = trace.stream().filter((span) -> "feed apply".equals(span.name())).findFirst().orElseThrow();
			assertThat(apply.kind()).isEqualTo("CONSUMER");
			assertThat(apply.service()).isEqualTo("feed-service");
			assertThat(apply.parentId()).isEqualTo(sendSpan);
			assertThat(apply.tags()).containsEntry("article.id", article.id().toString())
				.containsEntry("messaging.destination.name", "articles")
				.containsKeys("event.id", "messaging.kafka.offset", "messaging.destination.partition.id");
			Span push = trace.stream().filter((span) -> "websub push".equals(span.name())).findFirst().orElseThrow();
			assertThat(push.kind()).isEqualTo("CLIENT");
			assertThat(push.parentId()).isEqualTo(apply.id());
			assertThat(push.tags()).containsEntry("websub.topic", topicUrl)
				.containsEntry("server.address", "127.0.0.1")
				.containsEntry("http.response.status_code", "204");
		}
	}

	@Test
	void aRecordWithAMalformedTraceparentIsAppliedInATraceOfItsOwn() {
		ArticleEvents.Builder article = ArticleEvents.article().title("Malformed trace").categories("malformed");
		this.topic.send(article.published(), "00-this is not a trace context-01");

		await().atMost(PATIENCE)
			.until(() -> this.http.body("/feeds/categories/malformed/atom.xml").contains("Malformed trace"));
		Span apply = await().atMost(PATIENCE)
			.until(() -> ZIPKIN.spans()
				.stream()
				.filter((span) -> article.id().toString().equals(span.tags().get("article.id")))
				.findFirst(), (found) -> found.isPresent())
			.orElseThrow();
		assertThat(apply.name()).isEqualTo("feed apply");
		assertThat(apply.parentId()).as(() -> ZIPKIN.trace(apply.traceId()).toString()).isNull();
	}

	@Test
	void theAgeOfEveryAppliedEventIsMeasured() {
		Timer age = this.meters.get("articles.event.age").timer();
		long before = age.count();
		ArticleEvents.Builder article = ArticleEvents.article()
			.categories("aged")
			.occurredAt(Instant.now().minus(Duration.ofMinutes(5)));
		this.topic.send(article.published());

		await().atMost(PATIENCE).until(() -> age.count() > before);
		assertThat(age.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(300);
	}

	@Test
	void feedPollsAndActuatorRequestsMakeNoSpan() {
		this.topic.send(ArticleEvents.article().categories("polled").published());
		await().atMost(PATIENCE).until(() -> this.http.get("/feeds/categories/polled/atom.xml").statusCode() == 200);
		for (int i = 0; i < 20; i++) {
			assertThat(this.http.get("/feeds/atom.xml").statusCode()).isEqualTo(200);
			assertThat(this.http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
		// The index page, served by the same service outside the feeds, is observed.
		assertThat(this.http.get("/").statusCode()).isEqualTo(200);
		await().atMost(PATIENCE)
			.until(() -> ZIPKIN.spans().stream().anyMatch((span) -> span.tags().containsValue("/")));
		assertThat(ZIPKIN.spans()).noneMatch((span) -> span.tags()
			.values()
			.stream()
			.anyMatch((value) -> value.startsWith("/feeds") || value.startsWith("/actuator")));
	}

	private int subscribe(String callback, String topicUrl) throws Exception {
		String body = Map.of("hub.mode", "subscribe", "hub.topic", topicUrl, "hub.callback", callback)
			.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + UriUtils.encodeQueryParam(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/hub"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
