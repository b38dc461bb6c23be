package org.syndication.testsupport;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.syndication.testsupport.TracedRoundsReport.Rate;

import static org.assertj.core.api.Assertions.assertThat;

class TracedRoundsReportTests {

	private static final Rate<Round> PLAIN = new Rate<>("plain events/s", 14, "plain_events_per_second", Round::plain);

	private static final Rate<Round> SERVICE = new Rate<>("service events/s", 18, "service_events_per_second",
			Round::service);

	private final TracedRoundsReport<Round> report = new TracedRoundsReport<>(
			List.of(new Round(false, 20_000, 10_000, 0), new Round(true, 21_000, 9_000, 12_345),
					new Round(true, 19_000, 8_000, 12_000), new Round(false, 18_000, 12_000, 0)),
			Round::traced, List.of(PLAIN, SERVICE), Round::spans, 12);

	@Test
	void eachRoundIsARowInTheOrderTheyRan() {
		assertThat(this.report.table()).isEqualTo("""

				Tracing: the same events again, each in a sampled trace of its own, every span exported \
				(sampling 1.0) to a Zipkin collector in this JVM, in turns with rounds without
				round    tracing    plain events/s   service events/s        spans
				1        off                20,000             10,000            0
				2        exported           21,000              9,000       12,345
				3        exported           19,000              8,000       12,000
				4        off                18,000             12,000            0
				""");
	}

	@Test
	void eachKindHasTheMedianOfItsRounds() {
		assertThat(this.report.median(SERVICE, false)).isEqualTo(11_000);
		assertThat(this.report.median(SERVICE, true)).isEqualTo(8_500);
		assertThat(this.report.ratio(SERVICE)).isEqualTo(8_500.0 / 11_000);
	}

	@Test
	void theJsonHasTheRoundsThenTheMediansOfTheEventsAndTheirRatio() {
		Map<String, Object> json = this.report.json(SERVICE);
		assertThat(json).containsOnlyKeys("rounds", "untraced_events_per_second", "traced_events_per_second", "ratio");
		assertThat(json.get("rounds")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.first()
			.isEqualTo(Map.of("traced", false, "plain_events_per_second", 20_000L, "service_events_per_second", 10_000L,
					"spans", 0L));
		assertThat(json).containsEntry("untraced_events_per_second", 11_000L)
			.containsEntry("traced_events_per_second", 8_500L)
			.containsEntry("ratio", 0.773);
	}

	record Round(boolean traced, double plain, double service, long spans) {

	}

}
