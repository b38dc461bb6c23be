package org.syndication.packages.benchmarks;

import java.time.Duration;
import java.util.Locale;

import org.syndication.testsupport.Percentiles;

/**
 * What the latency benchmark measured, as the Markdown it prints and writes.
 *
 * @param options what was run
 * @param topic the package's topic
 * @param latency POST answered to record read, in nanoseconds
 * @param requests the POSTs themselves, in nanoseconds
 * @param failures articles that did not arrive in time
 */
record LatencyReport(LatencyBenchmark.Options options, String topic, Percentiles latency, Percentiles requests,
		int failures) {

	/** The target for p99. */
	static final Duration TARGET = Duration.ofMillis(500);

	String markdown() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%d articles POSTed to the publisher one at a time (after %d not measured) in category `%s`, which "
						+ "package `%s` takes in; each timed from the moment the 201 answer was read to the moment "
						+ "a consumer of committed records (`read_committed`) had the article's published event "
						+ "from `%s`.%n%n",
				this.options.samples(), this.options.warmup(), this.options.category(), this.options.packageName(),
				this.topic));
		out.append("| measure | p50 | p99 | max |\n| --- | ---: | ---: | ---: |\n");
		out.append(String.format(Locale.ROOT, "| POST answered → record on `%s` | %s | **%s** | %s |%n", this.topic,
				millis(this.latency.percentile(50)), millis(this.latency.percentile(99)), millis(this.latency.max())));
		out.append(String.format(Locale.ROOT, "| the POST itself (request sent → answer read) | %s | %s | %s |%n",
				millis(this.requests.percentile(50)), millis(this.requests.percentile(99)),
				millis(this.requests.max())));
		boolean met = this.failures == 0 && this.latency.percentile(99) < TARGET.toNanos();
		out.append(String
			.format(Locale.ROOT, "%nTarget p99 < %d ms: **%s**%s.%n", TARGET.toMillis(), met ? "met" : "not met",
					(this.failures > 0)
							? String.format(Locale.ROOT, " (%d of %d articles did not arrive within %d s)",
									this.failures, this.options.samples(), LatencyBenchmark.SAMPLE_TIMEOUT.toSeconds())
							: ""));
		return out.toString();
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
	}

}
