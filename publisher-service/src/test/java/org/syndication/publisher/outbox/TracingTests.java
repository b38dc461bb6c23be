package org.syndication.publisher.outbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.publisher.PublisherIntegrationTest;
import org.syndication.publisher.TestApi;
import org.syndication.publisher.TopicReader;
import org.syndication.publisher.TopicReader.Received;
import org.syndication.testsupport.ZipkinCollector;
import org.syndication.testsupport.ZipkinCollector.Span;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An article change in one trace from the editor's request to the record on the topic:
 * the request's span, the producer span of its send, and the record's {@code traceparent}
 * pointing at that send, so consumers and partners continue it.
 */
@PublisherIntegrationTest
// A context of its own, with a broker of its own: and so a database of its own, or the
// relays of the other contexts would send its messages to their brokers.
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:publisher-tracing;DB_CLOSE_DELAY=-1",
		"management.tracing.export.enabled=true", "management.tracing.sampling.probability=1.0" })
class TracingTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final ZipkinCollector ZIPKIN = new ZipkinCollector();

	private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

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

	private final HttpClient http = HttpClient.newHttpClient();

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
	void anArticlePostedInAClientsTraceReachesTheTopicBelowItsSendInThatTrace() throws Exception {
		String id = create(TestApi.article(), "00-" + CLIENT_TRACE + "-00f067aa0ba902b7-01");

		Received record = await().atMost(PATIENCE)
			.until(() -> this.topic.poll(id), (records) -> !records.isEmpty())
			.get(0);
		String traceParent = record.headers().get("traceparent");
		assertThat(traceParent).matches("00-" + CLIENT_TRACE + "-[0-9a-f]{16}-01");
		String sendSpan = traceParent.split("-")[2];

		List<Span> trace = await().atMost(PATIENCE)
			.until(() -> ZIPKIN.trace(CLIENT_TRACE),
					(spans) -> spans.stream().anyMatch((span) -> span.id().equals(sendSpan))
							&& spans.stream().anyMatch((span) -> "SERVER".equals(span.kind())));
		Span send = trace.stream().filter((span) -> span.id().equals(sendSpan)).findFirst().orElseThrow();
		Span request = trace.stream().filter((span) -> "SERVER".equals(span.kind())).findFirst().orElseThrow();
		assertThat(request.parentId()).isEqualTo("00f067aa0ba902b7");
		assertThat(request.service()).isEqualTo("publisher-service");
		assertThat(send.kind()).isEqualTo("PRODUCER");
		assertThat(send.name()).isEqualTo("articles send");
		assertThat(send.parentId()).isEqualTo(request.id());
		assertThat(send.tags()).containsEntry("article.id", id)
			.containsEntry("event.id", record.headers().get("ce_id"))
			.containsEntry("messaging.destination.name", "articles")
			.containsEntry("messaging.kafka.offset", Long.toString(record.offset()))
			.containsEntry("messaging.destination.partition.id", Integer.toString(record.partition()));
	}

	@Test
	void aMalformedTraceparentStartsANewTraceAndIsNoError() throws Exception {
		String id = create(TestApi.article(), "00-not-a-trace-at-all-01");

		Received record = await().atMost(PATIENCE)
			.until(() -> this.topic.poll(id), (records) -> !records.isEmpty())
			.get(0);
		String traceParent = record.headers().get("traceparent");
		assertThat(traceParent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		String traceId = traceParent.split("-")[1];
		assertThat(traceId).isNotEqualTo(CLIENT_TRACE);
		await().atMost(PATIENCE)
			.untilAsserted(
					() -> assertThat(ZIPKIN.trace(traceId)).extracting(Span::kind).contains("SERVER", "PRODUCER"));
	}

	@Test
	void aScheduledPublicationGoesOutInATraceOfItsOwn() throws Exception {
		Instant soon = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
		String id = create(TestApi.article().with("publishedAt", soon.plusSeconds(1).toString()), null);

		Received record = await().atMost(PATIENCE)
			.until(() -> this.topic.poll(id), (records) -> !records.isEmpty())
			.get(0);
		String traceId = record.headers().get("traceparent").split("-")[1];
		List<Span> trace = await().atMost(PATIENCE)
			.until(() -> ZIPKIN.trace(traceId), (spans) -> spans.stream().anyMatch((span) -> span.parentId() == null)
					&& spans.stream().anyMatch((span) -> "PRODUCER".equals(span.kind())));
		Span publication = trace.stream().filter((span) -> span.parentId() == null).findFirst().orElseThrow();
		assertThat(publication.name()).isEqualTo("article scheduled publication");
		assertThat(publication.tags()).containsEntry("article.id", id);
		assertThat(trace).anySatisfy((span) -> {
			assertThat(span.kind()).isEqualTo("PRODUCER");
			assertThat(span.parentId()).isEqualTo(publication.id());
		});
	}

	private String create(TestApi.ArticleJson article, String traceParent) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/articles"))
			.header("Authorization", "Bearer " + TestApi.TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(article.toJson()));
		if (traceParent != null) {
			request.header("traceparent", traceParent);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.json.readTree(response.body()).get("id").asString();
	}

}
