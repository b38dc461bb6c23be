package org.syndication.notifier.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.syndication.testsupport.ConsumerRounds;
import org.syndication.testsupport.TracedRoundsReport;
import org.syndication.testsupport.TracedRoundsReport.Rate;

/**
 * The consumer benchmark's measured rounds with and without tracing, as the table it
 * prints and the JSON it writes.
 *
 * @param rounds in the order they ran
 */
record ConsumerTracing(List<ConsumerReport> rounds) implements ConsumerRounds.Figures {

	private static final Rate<ConsumerReport> PLAIN = new Rate<>("plain events/s", 14, "plain_events_per_second",
			ConsumerReport::plainRate);

	private static final Rate<ConsumerReport> NOTIFIER = new Rate<>("notifier events/s", 18,
			"notifier_events_per_second", ConsumerReport::notifierRate);

	private static final Rate<ConsumerReport> ALERTS = new Rate<>("alerts queued/s", 16, "alerts_queued_per_second",
			ConsumerReport::alertsRate);

	private TracedRoundsReport<ConsumerReport> report() {
		return new TracedRoundsReport<>(this.rounds, ConsumerReport::traced, List.of(PLAIN, NOTIFIER, ALERTS),
				ConsumerReport::spans, 10);
	}

	/** Whether the rounds queued alerts: not without subscribers. */
	private boolean hasAlerts() {
		return this.rounds.get(0).expected().pendingAlerts() > 0;
	}

	@Override
	public String table() {
		TracedRoundsReport<ConsumerReport> report = report();
		double ratio = report.ratio(NOTIFIER);
		boolean alerts = hasAlerts();
		double alertsRatio = report.ratio(ALERTS);
		return report.table() + String.format(Locale.ROOT,
				"%ntraced / untraced: events applied %.3f (medians %,.0f and %,.0f " + "events/s)%s; target ≥ 0.9 %s%n",
				ratio, report.median(NOTIFIER, true), report.median(NOTIFIER, false),
				alerts ? String.format(Locale.ROOT, ", alerts queued %.3f (%,.0f and %,.0f alerts/s)", alertsRatio,
						report.median(ALERTS, true), report.median(ALERTS, false)) : "",
				(Math.min(ratio, alerts ? alertsRatio : ratio) >= 0.9) ? "met" : "MISSED");
	}

	@Override
	public Map<String, Object> json() {
		TracedRoundsReport<ConsumerReport> report = report();
		Map<String, Object> json = report.json(NOTIFIER);
		if (hasAlerts()) {
			json.put("untraced_alerts_queued_per_second", Math.round(report.median(ALERTS, false)));
			json.put("traced_alerts_queued_per_second", Math.round(report.median(ALERTS, true)));
			json.put("alerts_ratio", TracedRoundsReport.rounded(report.ratio(ALERTS)));
		}
		return json;
	}

}
