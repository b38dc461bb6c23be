package org.syndication.feed.benchmarks;

import java.util.Arrays;
import java.util.Locale;

import org.syndication.testsupport.Percentiles;

/** The WebSub benchmark's table: the push and poll latencies, the fan-out rates. */
final class WebSubReport {

	private WebSubReport() {
	}

	static String table(long[] push, long[] poll, double[] hubRates, double[] plainRates, int subscribers,
			int bodyBytes) {
		Arrays.sort(hubRates);
		Arrays.sort(plainRates);
		double hub = hubRates[hubRates.length / 2];
		double plain = plainRates[plainRates.length / 2];
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%nWebSub: %d changes one after another; %d cores; broker in its own process (SASL/SCRAM), "
						+ "feed-service and subscribers in this one%n%n",
				push.length, Runtime.getRuntime().availableProcessors()));
		out.append(String.format(Locale.ROOT, "%-52s %9s %9s %9s%n", "change sent to Kafka until", "p50 ms", "p99 ms",
				"max ms"));
		out.append(String.format(Locale.ROOT, "%-52s %9.1f %9.1f %9.1f%n", "a subscriber has the signed push",
				millis(push, 50), millis(push, 99), millis(push, 100)));
		out.append(String.format(Locale.ROOT, "%-52s %9.1f %9.1f %9.1f%n",
				"baseline: a GET of the feed shows it (1 ms polls)", millis(poll, 50), millis(poll, 99),
				millis(poll, 100)));
		out.append(String.format(Locale.ROOT, "%npush / poll, p50: %.2f; p99: %.2f%n",
				millis(push, 50) / millis(poll, 50), millis(push, 99) / millis(poll, 99)));
		out.append(String.format(Locale.ROOT,
				"%nFan-out: one change to %,d callbacks (a feed of %,d bytes, signed), median of %d rounds%n%n",
				subscribers, bodyBytes, hubRates.length));
		out.append(String.format(Locale.ROOT, "%-52s %12s%n", "sender", "pushes/s"));
		out.append(
				String.format(Locale.ROOT, "%-52s %,12.0f%n", "hub (change sent to Kafka until the last push)", hub));
		out.append(String.format(Locale.ROOT, "%-52s %,12.0f%n", "baseline: plain HTTP client, 64 in flight", plain));
		out.append(String.format(Locale.ROOT, "%nhub / plain: %.2f%n", hub / plain));
		return out.toString();
	}

	/** A nearest-rank percentile of latencies in nanoseconds, in milliseconds. */
	private static double millis(long[] nanos, double percent) {
		return new Percentiles(nanos).percentile(percent) / 1e6;
	}

}
