package org.syndication.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TracedRoundsTests {

	@Test
	void roundsAlternateWhichKindComesFirstSoThatNeitherGetsTheWarmerEnd() {
		assertThat(TracedRounds.order(1)).containsExactly(false, true);
		assertThat(TracedRounds.order(2)).containsExactly(false, true, true, false);
		assertThat(TracedRounds.order(3)).containsExactly(false, true, true, false, false, true);
	}

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(TracedRounds.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
		assertThat(TracedRounds.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
	}

	@Test
	void aServiceExportsEverySpanToTheCollector() {
		try (ZipkinCollector collector = new ZipkinCollector()) {
			assertThat(TracedRounds.exportingTo(collector)).containsExactly(
					"management.tracing.export.zipkin.endpoint=" + collector.endpoint(),
					"management.tracing.sampling.probability=1.0");
		}
	}

	@Test
	void aTracedRoundCountsTheSpansItsServiceExported() throws Exception {
		try (ZipkinCollector collector = new ZipkinCollector()) {
			HttpClient http = HttpClient.newHttpClient();
			String spans = """
					[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","id":"00f067aa0ba902b7","name":"feed apply",
					  "localEndpoint":{"serviceName":"feed-service"}},
					 {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","id":"00f067aa0ba902b8","name":"websub push",
					  "localEndpoint":{"serviceName":"feed-service"}}]""";
			HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(collector.endpoint()))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(spans))
				.build(), HttpResponse.BodyHandlers.discarding());

			assertThat(answer.statusCode()).isEqualTo(202);
			assertThat(TracedRounds.awaitSpans(collector, 2, Duration.ofSeconds(5))).isEqualTo(2);
			assertThatIllegalStateException()
				.isThrownBy(() -> TracedRounds.awaitSpans(collector, 3, Duration.ofMillis(100)))
				.withMessage("The traced round exported 2 spans, fewer than the 3 it must have made");
			assertThat(TracedRounds.exported(collector, true, 2, Duration.ofSeconds(5))).isEqualTo(2);
			assertThatIllegalStateException()
				.isThrownBy(() -> TracedRounds.exported(collector, false, 0, Duration.ofSeconds(5)))
				.withMessage("An untraced round exported 2 spans");
		}
	}

	@Test
	void anUntracedRoundMustExportNothing() throws Exception {
		try (ZipkinCollector collector = new ZipkinCollector()) {
			assertThat(TracedRounds.exported(collector, false, 0, Duration.ofSeconds(5))).isZero();
		}
	}

}
