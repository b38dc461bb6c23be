package org.syndication.feed.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.syndication.testsupport.ConsumerRounds;
import org.syndication.testsupport.PlainConsumer;

/**
 * What the consumer benchmark measured in one round, as the table it prints and the JSON
 * it writes.
 */
record ConsumerReport(boolean rebuild, int events, int articles, int live, double writeSeconds, double plainSeconds,
		double feedSeconds, String batchMode, String maxPollRecords, int cores, List<String> overrides,
		ConsumerReport warmup, boolean traced, long spans) implements ConsumerRounds.Figures {

	ConsumerReport withSpans(long spans) {
		return new ConsumerReport(this.rebuild, this.events, this.articles, this.live, this.writeSeconds,
				this.plainSeconds, this.feedSeconds, this.batchMode, this.maxPollRecords, this.cores, this.overrides,
				this.warmup, this.traced, spans);
	}

	double plainRate() {
		return this.events / this.plainSeconds;
	}

	double feedRate() {
		return this.events / this.feedSeconds;
	}

	double ratio() {
		return feedRate() / plainRate();
	}

	@Override
	public String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%n%s: %,d events about %,d articles (%,d live at the end), "
						+ "3 partitions, one broker in its own process (SASL/SCRAM); %d cores%n",
				this.rebuild ? "Rebuild (feed.rebuild=true)" : "Consumer", this.events, this.articles, this.live,
				this.cores));
		out.append(
				String.format(Locale.ROOT, "  feed-service: H2 file database, batch-mode %s, max.poll.records %s%s%n",
						this.batchMode, this.maxPollRecords,
						this.overrides.isEmpty() ? " (its defaults)" : "; set: " + String.join(", ", this.overrides)));
		out.append(String.format(Locale.ROOT, "  written in %.1f s (asynchronous sends, one flush)%n%n",
				this.writeSeconds));
		out.append(String.format(Locale.ROOT, "%-42s %10s %12s%n", "consumer", "seconds", "events/s"));
		out.append(String.format(Locale.ROOT, "%-42s %10.2f %,12.0f%n",
				"plain KafkaConsumer + parse (median of " + PlainConsumer.PASSES + ")", this.plainSeconds,
				plainRate()));
		out.append(String.format(Locale.ROOT, "%-42s %10.2f %,12.0f%n", "feed-service", this.feedSeconds, feedRate()));
		out.append(String.format(Locale.ROOT, "%nfeed-service / plain: %.3f%n", ratio()));
		if (this.warmup != null) {
			out.append(String.format(Locale.ROOT,
					"after a warm-up round of %,d other events in this JVM; that round, just after the start: "
							+ "plain %,.0f events/s, feed-service %,.0f events/s, %.3f%n",
					this.warmup.events, this.warmup.plainRate(), this.warmup.feedRate(), this.warmup.ratio()));
		}
		else {
			out.append(String.format(Locale.ROOT, "no warm-up round: both consumers just started%n"));
		}
		out.append(String.format(Locale.ROOT,
				"checked: the group committed the end of every partition, the catalog holds %,d articles, "
						+ "%,d of them live%n",
				this.articles, this.live));
		return out.toString();
	}

	@Override
	public Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("mode", this.rebuild ? "rebuild" : "consumer");
		json.put("events", this.events);
		json.put("articles", this.articles);
		json.put("live", this.live);
		json.put("batch_mode", this.batchMode);
		json.put("max_poll_records", this.maxPollRecords);
		json.put("overrides", this.overrides);
		json.put("cores", this.cores);
		json.put("write_seconds", round(this.writeSeconds));
		json.put("plain_seconds", round(this.plainSeconds));
		json.put("plain_events_per_second", Math.round(plainRate()));
		json.put("feed_seconds", round(this.feedSeconds));
		json.put("feed_events_per_second", Math.round(feedRate()));
		json.put("ratio", Math.round(ratio() * 1000) / 1000.0);
		if (this.warmup != null) {
			json.put("warmup", this.warmup.json());
		}
		return json;
	}

	private static double round(double seconds) {
		return Math.round(seconds * 100) / 100.0;
	}

}
