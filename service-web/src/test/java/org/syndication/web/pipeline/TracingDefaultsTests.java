package org.syndication.web.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.syndication.testsupport.ZipkinCollector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import zipkin2.reporter.brave.AsyncZipkinSpanHandler;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracing as a service gets it from service-web: off and free until an operator names a
 * Zipkin endpoint; then every trace sampled and sent there; a collector that does not
 * answer costs one line in the log; trace contexts that are malformed start new traces;
 * JSON logs carry the trace and the article.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingDefaultsTests {

	@Test
	void withoutAnEndpointNothingIsSampledAndNoExporterRuns() {
		try (ConfigurableApplicationContext context = start()) {
			Traces traces = context.getBean(Traces.class);
			Span span = traces.start("unsampled", null, null);
			// A record from a publisher that traces does not make this service trace.
			Span continued = traces.start("continued", Span.Kind.CONSUMER,
					"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
			span.end();
			continued.end();

			assertThat(span.isNoop()).isTrue();
			assertThat(continued.isNoop()).isTrue();
			assertThat(traces.parentOf(span)).isNull();
			assertThat(context.getBean(Tracer.class).nextSpan().isNoop()).isTrue();
			assertThat(context.getBeanProvider(AsyncZipkinSpanHandler.class).getIfAvailable()).isNull();
		}
	}

	@Test
	void anEndpointAloneSendsEveryTraceThere() {
		try (ZipkinCollector zipkin = new ZipkinCollector();
				ConfigurableApplicationContext context = start(
						"--management.tracing.export.zipkin.endpoint=" + zipkin.endpoint())) {
			Traces traces = context.getBean(Traces.class);
			List<String> traceIds = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				Span span = traces.start("sampled", null, null);
				traceIds.add(span.context().traceId());
				span.end();
			}
			context.getBean(AsyncZipkinSpanHandler.class).flush();

			// The reporter's own thread may be sending a part of them meanwhile.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(zipkin.spans()).extracting(ZipkinCollector.Span::traceId)
					.containsExactlyInAnyOrderElementsOf(traceIds));
			assertThat(zipkin.spans()).allSatisfy((span) -> assertThat(span.service()).isEqualTo("traced-app"));
		}
	}

	@Test
	void aWellFormedTraceparentIsContinuedAndAMalformedOneStartsANewTrace() {
		try (ZipkinCollector zipkin = new ZipkinCollector();
				ConfigurableApplicationContext context = start(
						"--management.tracing.export.zipkin.endpoint=" + zipkin.endpoint())) {
			Traces traces = context.getBean(Traces.class);
			Tracer tracer = context.getBean(Tracer.class);
			Span outer = traces.start("in scope", null, null);
			try (Tracer.SpanInScope scope = tracer.withSpan(outer)) {
				Span continued = traces.start("continued", Span.Kind.CONSUMER,
						"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
				assertThat(continued.context().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
				assertThat(continued.context().parentId()).isEqualTo("00f067aa0ba902b7");
				for (String malformed : List.of("", "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
						"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
						"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
						"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
						"00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01")) {
					Span fresh = traces.start("fresh", Span.Kind.CONSUMER, malformed);
					assertThat(fresh.context().parentId()).as(malformed).isNull();
					assertThat(fresh.context().traceId()).as(malformed)
						.isNotIn(outer.context().traceId(), "4bf92f3577b34da6a3ce929d0e0e4736");
				}
			}
		}
	}

	@Test
	void anUnreachableCollectorCostsOneLineInTheLog(CapturedOutput output) throws Exception {
		String unreachable = "http://127.0.0.1:" + closedPort() + "/api/v2/spans";
		// JSON lines name the reporter's thread in full, with its endpoint: a reporter of
		// another test's context, still sending as it closes, is not counted.
		try (ConfigurableApplicationContext context = start(
				"--management.tracing.export.zipkin.endpoint=" + unreachable,
				"--logging.structured.format.console=ecs")) {
			Traces traces = context.getBean(Traces.class);
			// The reporter's thread sends what is queued every second; spans keep coming
			// for several of its attempts.
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				spans(traces, 10);
				return droppedWarnings(output, unreachable) == 1;
			});
			await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> {
				spans(traces, 10);
				return droppedWarnings(output, unreachable) == 1;
			});
			assertThat(output.getAll()).doesNotContain("Exception in thread");
		}
	}

	private static void spans(Traces traces, int count) {
		for (int i = 0; i < count; i++) {
			traces.start("lost", null, null).end();
		}
	}

	private static long droppedWarnings(CapturedOutput output, String endpoint) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains("Spans were dropped") && line.contains(endpoint))
			.count();
	}

	@Test
	void jsonLogsCarryTheTraceAndTheArticle(CapturedOutput output) throws Exception {
		try (ZipkinCollector zipkin = new ZipkinCollector();
				ConfigurableApplicationContext context = start(
						"--management.tracing.export.zipkin.endpoint=" + zipkin.endpoint(),
						"--logging.structured.format.console=ecs")) {
			Traces traces = context.getBean(Traces.class);
			Span span = traces.start("logged", null, null);
			try (Tracer.SpanInScope scope = traces.inScope(span);
					MDC.MDCCloseable article = MDC.putCloseable("articleId", "6f1c4e0a-0000-4000-8000-000000000001")) {
				LoggerFactory.getLogger(TracingDefaultsTests.class).info("Applied the article");
			}
			span.end();

			JsonNode line = output.getOut()
				.lines()
				.filter((text) -> text.startsWith("{") && text.contains("Applied the article"))
				.map((text) -> JsonMapper.builder().build().readTree(text))
				.findFirst()
				.orElseThrow();
			assertThat(line.path("traceId").asString()).isEqualTo(span.context().traceId());
			assertThat(line.path("spanId").asString()).isEqualTo(span.context().spanId());
			assertThat(line.path("articleId").asString()).isEqualTo("6f1c4e0a-0000-4000-8000-000000000001");
			assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(TracedApp.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=traced-app")
			.run(args);
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ ObservationAutoConfiguration.class, BraveAutoConfiguration.class,
			MicrometerTracingAutoConfiguration.class, ZipkinAutoConfiguration.class,
			ZipkinWithBraveTracingAutoConfiguration.class, PipelineAutoConfiguration.class })
	static class TracedApp {

	}

}
