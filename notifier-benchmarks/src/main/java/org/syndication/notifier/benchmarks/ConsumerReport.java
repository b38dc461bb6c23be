package org.syndication.notifier.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.syndication.notifier.benchmarks.ConsumerWorkload.Expected;
import org.syndication.testsupport.ArticlesTopic;
import org.syndication.testsupport.ConsumerRounds;
import org.syndication.testsupport.PlainConsumer;

/**
 * What the consumer benchmark measured in one round, as the table it prints and the JSON
 * it writes.
 *
 * @param expected the workload, and what the notifier made of it (checked)
 * @param plainSeconds the plain consumer, subscribing to the last record parsed
 * @param notifierSeconds the notifier, starting its binding to every event applied and
 * committed
 * @param alertsSeconds the notifier, starting its binding to every publication's alerts
 * queued
 * @param database the notifier's database
 * @param batchMode whether the binding takes the records of a poll at once
 * @param maxPollRecords the binding's {@code max.poll.records}
 * @param overrides notifier properties set for this run
 * @param cores available processors
 * @param warmup the warm-up round before it in this JVM, if any
 * @param traced whether every span was exported
 * @param spans the spans the collector received in a traced round
 */
record ConsumerReport(Expected expected, double plainSeconds, double notifierSeconds, double alertsSeconds,
		String database, boolean batchMode, String maxPollRecords, List<String> overrides, int cores,
		ConsumerReport warmup, boolean traced, long spans) implements ConsumerRounds.Figures {

	ConsumerReport withSpans(long spans) {
		return new ConsumerReport(this.expected, this.plainSeconds, this.notifierSeconds, this.alertsSeconds,
				this.database, this.batchMode, this.maxPollRecords, this.overrides, this.cores, this.warmup,
				this.traced, spans);
	}

	double alertsRate() {
		return this.expected.pendingAlerts() / this.alertsSeconds;
	}

	double plainRate() {
		return this.expected.events() / this.plainSeconds;
	}

	double notifierRate() {
		return this.expected.events() / this.notifierSeconds;
	}

	double ratio() {
		return notifierRate() / plainRate();
	}

	@Override
	public String table() {
		Expected e = this.expected;
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%nThe articles topic (%d partitions, a broker in its own process, SASL/SCRAM): %,d events, "
						+ "%,d publications, %,d edits, %,d retractions%n",
				ArticlesTopic.PARTITIONS, e.events(), e.publications(), e.updates(), e.retractions()));
		out.append(String.format(Locale.ROOT,
				"  %,d confirmed subscribers (%,d take every category, the others 1 to 3 of %d); the dispatcher is "
						+ "held%n",
				e.subscribers(), e.allCategories(), ConsumerWorkload.CATEGORY_COUNT));
		out.append(String.format(Locale.ROOT, "  notifier: batch mode %s, max.poll.records %s, %s database%s%n",
				this.batchMode ? "on" : "off", this.maxPollRecords, this.database,
				this.overrides.isEmpty() ? "" : "; set: " + String.join(", ", this.overrides)));
		out.append(String.format(Locale.ROOT, "  JVM: %d cores%n%n", this.cores));
		out.append(String.format(Locale.ROOT, "%-52s %9s %10s%n", "consumer", "seconds", "events/s"));
		out.append(String.format(Locale.ROOT, "%-52s %9.2f %,10.0f%n",
				"plain KafkaConsumer, read and parse (median of " + PlainConsumer.PASSES + ")", this.plainSeconds,
				plainRate()));
		out.append(String.format(Locale.ROOT, "%-52s %9.2f %,10.0f%n", "notifier, applied and committed",
				this.notifierSeconds, notifierRate()));
		out.append(String.format(Locale.ROOT, "%-52s %9.2f %,10.0f   (%,.0f alerts/s)%n",
				"notifier, every alert queued", this.alertsSeconds, this.expected.events() / this.alertsSeconds,
				this.expected.pendingAlerts() / this.alertsSeconds));
		out.append(String.format(Locale.ROOT, "%nnotifier / plain: %.2f%n", ratio()));
		if (this.warmup != null) {
			out.append(String.format(Locale.ROOT,
					"after a warm-up round of %,d other events in this JVM; that round, just after the start: "
							+ "plain %,.0f events/s, notifier %,.0f events/s applied (%.2f), every alert queued "
							+ "after %.1f s%n",
					this.warmup.expected.events(), this.warmup.plainRate(), this.warmup.notifierRate(),
					this.warmup.ratio(), this.warmup.alertsSeconds));
		}
		else {
			out.append(String.format(Locale.ROOT, "no warm-up round: both consumers just started%n"));
		}
		out.append(String.format(Locale.ROOT,
				"checked: offsets committed to the end; %,d articles (%,d retracted), %,d alerts queued and "
						+ "pending, none for the retracted ones but what the dispatcher cancels (at most %,d)%n",
				e.articles(), e.retractions(), e.pendingAlerts(), e.cancelledAlerts()));
		return out.toString();
	}

	@Override
	public Map<String, Object> json() {
		Expected e = this.expected;
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("events", e.events());
		json.put("publications", e.publications());
		json.put("updates", e.updates());
		json.put("retractions", e.retractions());
		json.put("subscribers", e.subscribers());
		json.put("all_categories", e.allCategories());
		json.put("categories", ConsumerWorkload.CATEGORY_COUNT);
		json.put("pending_alerts", e.pendingAlerts());
		json.put("cancelled_alerts", e.cancelledAlerts());
		json.put("partitions", ArticlesTopic.PARTITIONS);
		json.put("batch_mode", this.batchMode);
		json.put("max_poll_records", this.maxPollRecords);
		json.put("database", this.database);
		json.put("overrides", this.overrides);
		json.put("cores", this.cores);
		json.put("plain_seconds", Math.round(this.plainSeconds * 100) / 100.0);
		json.put("plain_events_per_second", Math.round(plainRate()));
		json.put("notifier_seconds", Math.round(this.notifierSeconds * 100) / 100.0);
		json.put("notifier_events_per_second", Math.round(notifierRate()));
		json.put("alerts_seconds", Math.round(this.alertsSeconds * 100) / 100.0);
		json.put("alerts_queued_per_second", Math.round(this.expected.pendingAlerts() / this.alertsSeconds));
		json.put("ratio", Math.round(ratio() * 100) / 100.0);
		if (this.warmup != null) {
			json.put("warmup", this.warmup.json());
		}
		return json;
	}

}
