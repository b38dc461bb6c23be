package org.syndication.feed.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.syndication.testsupport.TracedRounds;

/**
 * The consumer benchmark's measured rounds with and without tracing, as the table it
 * prints and the JSON it writes.
 *
 * @param rounds in the order they ran
 */
record ConsumerTracing(List<ConsumerReport> rounds) {

	double untracedRate() {
		return TracedRounds.median(rates(false));
	}

	double tracedRate() {
		return TracedRounds.median(rates(true));
	}

	double ratio() {
		return tracedRate() / untracedRate();
	}

	private List<Double> rates(boolean traced) {
		return this.rounds.stream().filter((round) -> round.traced() == traced).map(ConsumerReport::feedRate).toList();
	}

	String table() {
		StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
				"%nTracing: the same events again, each in a sampled trace of its own, every span exported "
						+ "(sampling 1.0) to a Zipkin collector in this JVM, in turns with rounds without%n"));
		out.append(String.format(Locale.ROOT, "%-8s %-10s %14s %18s %12s%n", "round", "tracing", "plain events/s",
				"feed events/s", "spans"));
		int number = 0;
		for (ConsumerReport round : this.rounds) {
			out.append(String.format(Locale.ROOT, "%-8d %-10s %,14.0f %,18.0f %,12d%n", ++number,
					round.traced() ? "exported" : "off", round.plainRate(), round.feedRate(), round.spans()));
		}
		out.append(String.format(Locale.ROOT,
				"%ntraced / untraced: %.3f (medians: %,.0f and %,.0f events/s); target ≥ 0.9 %s%n", ratio(),
				tracedRate(), untracedRate(), (ratio() >= 0.9) ? "met" : "MISSED"));
		return out.toString();
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		List<Map<String, Object>> rows = new ArrayList<>();
		for (ConsumerReport round : this.rounds) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("traced", round.traced());
			row.put("plain_events_per_second", Math.round(round.plainRate()));
			row.put("feed_events_per_second", Math.round(round.feedRate()));
			row.put("spans", round.spans());
			rows.add(row);
		}
		json.put("rounds", rows);
		json.put("untraced_events_per_second", Math.round(untracedRate()));
		json.put("traced_events_per_second", Math.round(tracedRate()));
		json.put("ratio", Math.round(ratio() * 1000) / 1000.0);
		return json;
	}

}
