package org.syndication.feed.benchmarks;

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

	private static final Rate<ConsumerReport> FEED = new Rate<>("feed events/s", 18, "feed_events_per_second",
			ConsumerReport::feedRate);

	private TracedRoundsReport<ConsumerReport> report() {
		return new TracedRoundsReport<>(this.rounds, ConsumerReport::traced, List.of(PLAIN, FEED),
				ConsumerReport::spans, 12);
	}

	@Override
	public String table() {
		TracedRoundsReport<ConsumerReport> report = report();
		double ratio = report.ratio(FEED);
		return report.table() + String.format(Locale.ROOT,
				"%ntraced / untraced: %.3f (medians: %,.0f and %,.0f events/s); target ≥ 0.9 %s%n", ratio,
				report.median(FEED, true), report.median(FEED, false), (ratio >= 0.9) ? "met" : "MISSED");
	}

	@Override
	public Map<String, Object> json() {
		return report().json(FEED);
	}

}
