package org.syndication.notifier.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.syndication.testsupport.TracedRounds;

/**
 * The consumer benchmark's measured rounds with and without tracing, as the table it
 * prints and the JSON it writes.
 *
 * @param rounds in the order they ran
 */
record ConsumerTracing(List<ConsumerReport> rounds) {

	double rate(boolean traced) {
		return TracedRounds.median(rounds(traced).map(ConsumerReport::notifierRate).toList());
	}

	double alertsRate(boolean traced) {
		return TracedRounds.median(rounds(traced).map(ConsumerReport::alertsRate).toList());
	}

	double ratio() {
		return rate(true) / rate(false);
	}

	/** Whether the rounds queued alerts: not without subscribers. */
	boolean hasAlerts() {
		return this.rounds.get(0).expected().pendingAlerts() > 0;
	}

	double alertsRatio() {
		return alertsRate(true) / alertsRate(false);
	}

	private Stream<ConsumerReport> rounds(boolean traced) {
		return this.rounds.stream().filter((round) -> round.traced() == traced);
	}

	String table() {
		StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
				"%nTracing: the same events again, each in a sampled trace of its own, every span exported "
						+ "(sampling 1.0) to a Zipkin collector in this JVM, in turns with rounds without%n"));
		out.append(String.format(Locale.ROOT, "%-8s %-10s %14s %18s %16s %10s%n", "round", "tracing", "plain events/s",
				"notifier events/s", "alerts queued/s", "spans"));
		int number = 0;
		for (ConsumerReport round : this.rounds) {
			out.append(String.format(Locale.ROOT, "%-8d %-10s %,14.0f %,18.0f %,16.0f %,10d%n", ++number,
					round.traced() ? "exported" : "off", round.plainRate(), round.notifierRate(), round.alertsRate(),
					round.spans()));
		}
		boolean alerts = hasAlerts();
		out.append(String.format(Locale.ROOT,
				"%ntraced / untraced: events applied %.3f (medians %,.0f and %,.0f " + "events/s)%s; target ≥ 0.9 %s%n",
				ratio(), rate(true), rate(false),
				alerts ? String.format(Locale.ROOT, ", alerts queued %.3f (%,.0f and %,.0f alerts/s)", alertsRatio(),
						alertsRate(true), alertsRate(false)) : "",
				(Math.min(ratio(), alerts ? alertsRatio() : ratio()) >= 0.9) ? "met" : "MISSED"));
		return out.toString();
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		List<Map<String, Object>> rows = new ArrayList<>();
		for (ConsumerReport round : this.rounds) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("traced", round.traced());
			row.put("plain_events_per_second", Math.round(round.plainRate()));
			row.put("notifier_events_per_second", Math.round(round.notifierRate()));
			row.put("alerts_queued_per_second", Math.round(round.alertsRate()));
			row.put("spans", round.spans());
			rows.add(row);
		}
		json.put("rounds", rows);
		json.put("untraced_events_per_second", Math.round(rate(false)));
		json.put("traced_events_per_second", Math.round(rate(true)));
		json.put("ratio", Math.round(ratio() * 1000) / 1000.0);
		if (hasAlerts()) {
			json.put("untraced_alerts_queued_per_second", Math.round(alertsRate(false)));
			json.put("traced_alerts_queued_per_second", Math.round(alertsRate(true)));
			json.put("alerts_ratio", Math.round(alertsRatio() * 1000) / 1000.0);
		}
		return json;
	}

}
