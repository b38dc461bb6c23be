package org.syndication.feed.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.testsupport.PlainConsumer;
import org.syndication.testsupport.TracedRounds;
import org.syndication.testsupport.ZipkinCollector;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast feed-service applies the {@code articles} topic, next to a plain consumer that
 * only reads and parses the same records, in the same run on the same broker.
 * <p>
 * {@code java -jar feed-benchmarks/target/feed-benchmarks.jar consumer [options]} writes
 * the events onto a fresh topic of a real broker in its own process, reads them with the
 * plain consumer, then starts feed-service in this process and measures from the moment
 * its binding starts consuming until its group has committed the end of every partition
 * and its catalog holds every article. {@code rebuild} does the same with
 * {@code feed.rebuild=true} and, by default, 100,000 events.
 * <p>
 * {@code consumer} first runs the same procedure once as a warm-up round, with other
 * events (as many, by default) on a broker and a database of their own, in the same JVM:
 * the round that is measured then finds the code of both consumers compiled, as a service
 * that has been running does when a burst arrives. The warm-up round's figures are
 * reported too: they are those of a service that has just started.
 * <p>
 * Then, unless {@code --tracing-rounds 0}, the measured round runs again, with and
 * without tracing in turns (untraced, traced, traced, untraced by default): in a traced
 * round every record carries a sampled {@code traceparent}, as a traced publisher writes
 * it, and feed-service exports every span (sampling 1.0) to a Zipkin collector in this
 * process, which must receive at least one span per record. A second warm-up round,
 * traced, comes first, so that the code only traced rounds run is compiled too. The cost
 * of tracing is the median traced rate over the median untraced one.
 */
public final class ConsumerBenchmark {

	private static final String USAGE = """
			usage: java -jar feed-benchmarks/target/feed-benchmarks.jar consumer|rebuild|websub [options]
			consumer: feed-service consuming the topic from the start, next to a plain KafkaConsumer
			rebuild:  the same with feed.rebuild=true (FEED_REBUILD) and 100,000 events by default
			  --events N        events on the topic (10000, rebuild 100000; 1..1000000)
			  --warmup N        events of a warm-up round first (consumer: as many as --events;
			                    rebuild: none); --warmup 0 measures a service that has just started
			  --tracing-rounds N  rounds with traces exported at 100 % sampling, and as many without, in
			                    turns after the warm-up (consumer 2, rebuild 0; 0..10)
			  --set NAME=VALUE  a feed-service property; repeatable; without it its defaults;
			                    {round} in VALUE becomes warmup or measured (a schema per round:
			                    with --tracing-rounds 0, as there is one measured round only)
			  --json-out FILE   also write the figures as JSON
			websub:   change -> WebSub push latency, and the rate of pushes to many callbacks
			  --changes N       changes timed one after another (200)
			  --subscribers N   callbacks of the fan-out (1000)
			  --rounds N        fan-out rounds, the median reported (5)
			""";

	private static final Duration PATIENCE = Duration.ofMinutes(30);

	/** The events measured: the same in every run. */
	private static final long SEED = 42;

	/** Other events for the warm-up round. */
	private static final long WARMUP_SEED = 7;

	private ConsumerBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String command = (args.length > 0) ? args[0] : "";
		if (command.equals("websub")) {
			WebSubBenchmark.run(args);
			System.exit(0);
		}
		if (!command.equals("consumer") && !command.equals("rebuild")) {
			System.err.print(USAGE);
			System.exit(2);
		}
		boolean rebuild = command.equals("rebuild");
		int events = rebuild ? 100_000 : 10_000;
		Integer warmup = null;
		int tracingPairs = rebuild ? 0 : 2;
		List<String> overrides = new ArrayList<>();
		Path jsonOut = null;
		for (int i = 1; i < args.length; i++) {
			switch (args[i]) {
				case "--events" -> events = number(args, ++i, 1);
				case "--warmup" -> warmup = number(args, ++i, 0);
				case "--tracing-rounds" -> tracingPairs = number(args, ++i, 0);
				case "--set" -> overrides.add(value(args, ++i));
				case "--json-out" -> jsonOut = Path.of(value(args, ++i));
				default -> fail("unknown option " + args[i]);
			}
		}
		int warmupEvents = (warmup != null) ? warmup : rebuild ? 0 : events;
		Report coldRound = null;
		if (warmupEvents > 0) {
			System.err.printf("warm-up round: %,d other events, not counted as the measure%n", warmupEvents);
			coldRound = run(rebuild, warmupEvents, WARMUP_SEED, forRound(overrides, "warmup"), null, false);
		}
		if (tracingPairs > 10) {
			fail("--tracing-rounds must be a number from 0 to 10");
		}
		if (warmupEvents > 0 && tracingPairs > 0) {
			// The traced rounds run code the untraced ones do not (spans, their export):
			// compiled by the time they are measured, as in a service traced for a while.
			System.err.printf("warm-up round with every span exported: %,d other events, not counted%n", warmupEvents);
			run(rebuild, warmupEvents, WARMUP_SEED, forRound(overrides, "warmup"), null, true);
		}
		List<Report> rounds = new ArrayList<>();
		for (boolean traced : (tracingPairs > 0) ? TracedRounds.order(tracingPairs) : List.of(false)) {
			System.err.println(traced ? "round with every span exported" : "round without tracing");
			rounds.add(run(rebuild, events, SEED, forRound(overrides, "measured"), coldRound, traced));
		}
		// The first round, untraced, right after the warm-up: the measure as it always
		// was.
		Report report = rounds.get(0);
		Tracing tracing = (tracingPairs > 0) ? new Tracing(rounds) : null;
		System.out.print(report.table());
		if (tracing != null) {
			System.out.print(tracing.table());
		}
		if (jsonOut != null) {
			Map<String, Object> json = report.json();
			if (tracing != null) {
				json.put("tracing", tracing.json());
			}
			Files.writeString(jsonOut, JsonMapper.builder().build().writeValueAsString(json) + "\n");
		}
		// Nothing must keep the JVM: the service and the broker are closed by now.
		System.exit(0);
	}

	/**
	 * The settings of one round: {@code {round}} in a value becomes the round's name, so
	 * that a database given by the settings can have a schema of its own in each round.
	 */
	private static List<String> forRound(List<String> overrides, String round) {
		return overrides.stream().map((override) -> override.replace("{round}", round)).toList();
	}

	/**
	 * One round: a broker and a database of its own.
	 * @param warmup the warm-up round before it, if any
	 * @param traced whether the events carry a sampled trace each and feed-service
	 * exports every span
	 */
	static Report run(boolean rebuild, int count, long seed, List<String> overrides, Report warmup, boolean traced)
			throws Exception {
		Path directory = Files.createTempDirectory("feed-consumer-benchmark");
		try (ZipkinCollector collector = new ZipkinCollector()) {
			TopicEvents topic = TopicEvents.generate(count, seed);
			System.err.printf("starting a broker; writing %,d events about %,d articles%n", count, topic.articles());
			List<String> settings = new ArrayList<>(overrides);
			if (traced) {
				settings.addAll(TracedRounds.exportingTo(collector));
			}
			Report report;
			try (BenchmarkKafka kafka = BenchmarkKafka.start(directory.resolve("kafka"))) {
				long writeStart = System.nanoTime();
				kafka.write(topic.events(), traced);
				double writeSeconds = seconds(writeStart);
				Map<TopicPartition, Long> ends = kafka.endOffsets();
				long onTopic = ends.values().stream().mapToLong(Long::longValue).sum();
				check(onTopic == count, () -> "the topic holds " + onTopic + " records, not " + count);

				System.err.println("plain consumer");
				double plainSeconds = PlainConsumer.median(kafka.clientConfig(KafkaCredentials.ADMIN), count, PATIENCE);

				System.err.println("feed-service" + (rebuild ? " with feed.rebuild=true" : ""));
				String database = "jdbc:h2:file:" + directory.resolve("feed-service/db") + ";WRITE_DELAY=0";
				try (RunningFeed feed = RunningFeed.start(database, kafka, rebuild, settings);
						Admin admin = kafka.admin()) {
					String batchMode = feed
						.property("spring.cloud.stream.bindings." + RunningFeed.BINDING + ".consumer.batch-mode");
					String maxPollRecords = feed.property("spring.cloud.stream.kafka.bindings." + RunningFeed.BINDING
							+ ".consumer.configuration.max.poll.records");
					long start = System.nanoTime();
					feed.startConsuming();
					long deadline = start + PATIENCE.toNanos();
					// The catalog is counted only once the offsets are in (or time is
					// up): a count while the service writes reads the pages its open
					// transaction holds, and takes their time from the service.
					while (!(BenchmarkKafka.caughtUp(admin, RunningFeed.GROUP, ends)
							&& feed.articles() == topic.articles())) {
						check(System.nanoTime() < deadline, () -> "feed-service did not catch up within " + PATIENCE
								+ ": " + feed.articles() + " of " + topic.articles() + " articles");
						Thread.sleep(50);
					}
					double feedSeconds = seconds(start);
					check(feed.articles() == topic.articles(),
							() -> "the catalog holds " + feed.articles() + " articles, not " + topic.articles());
					check(feed.liveArticles() == topic.live(),
							() -> "the catalog shows " + feed.liveArticles() + " live articles, not " + topic.live());
					report = new Report(rebuild, count, topic.articles(), topic.live(), writeSeconds, plainSeconds,
							feedSeconds, (batchMode != null) ? batchMode : "false",
							(maxPollRecords != null) ? maxPollRecords : "500 (Kafka's default)",
							Runtime.getRuntime().availableProcessors(), List.copyOf(overrides), warmup, traced, 0);
				}
			}
			// One span at least for every record applied; the last ones leave as the
			// service closes.
			return report.withSpans(TracedRounds.exported(collector, traced, count, Duration.ofSeconds(30)));
		}
		finally {
			deleteRecursively(directory);
		}
	}

	record Report(boolean rebuild, int events, int articles, int live, double writeSeconds, double plainSeconds,
			double feedSeconds, String batchMode, String maxPollRecords, int cores, List<String> overrides,
			Report warmup, boolean traced, long spans) {

		Report withSpans(long spans) {
			return new Report(this.rebuild, this.events, this.articles, this.live, this.writeSeconds, this.plainSeconds,
					this.feedSeconds, this.batchMode, this.maxPollRecords, this.cores, this.overrides, this.warmup,
					this.traced, spans);
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

		String table() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT,
					"%n%s: %,d events about %,d articles (%,d live at the end), "
							+ "3 partitions, one broker in its own process (SASL/SCRAM); %d cores%n",
					this.rebuild ? "Rebuild (feed.rebuild=true)" : "Consumer", this.events, this.articles, this.live,
					this.cores));
			out.append(String.format(Locale.ROOT,
					"  feed-service: H2 file database, batch-mode %s, max.poll.records %s%s%n", this.batchMode,
					this.maxPollRecords,
					this.overrides.isEmpty() ? " (its defaults)" : "; set: " + String.join(", ", this.overrides)));
			out.append(String.format(Locale.ROOT, "  written in %.1f s (asynchronous sends, one flush)%n%n",
					this.writeSeconds));
			out.append(String.format(Locale.ROOT, "%-42s %10s %12s%n", "consumer", "seconds", "events/s"));
			out.append(String.format(Locale.ROOT, "%-42s %10.2f %,12.0f%n",
					"plain KafkaConsumer + parse (median of " + PlainConsumer.PASSES + ")", this.plainSeconds,
					plainRate()));
			out.append(
					String.format(Locale.ROOT, "%-42s %10.2f %,12.0f%n", "feed-service", this.feedSeconds, feedRate()));
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

		Map<String, Object> json() {
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

	}

	/**
	 * The measured rounds with and without tracing.
	 *
	 * @param rounds in the order they ran
	 */
	record Tracing(List<Report> rounds) {

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
			return this.rounds.stream().filter((round) -> round.traced() == traced).map(Report::feedRate).toList();
		}

		String table() {
			StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
					"%nTracing: the same events again, each in a sampled trace of its own, every span exported "
							+ "(sampling 1.0) to a Zipkin collector in this JVM, in turns with rounds without%n"));
			out.append(String.format(Locale.ROOT, "%-8s %-10s %14s %18s %12s%n", "round", "tracing", "plain events/s",
					"feed events/s", "spans"));
			int number = 0;
			for (Report round : this.rounds) {
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
			for (Report round : this.rounds) {
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

	private static double round(double seconds) {
		return Math.round(seconds * 100) / 100.0;
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * @param message made only when the condition fails: a check in a waiting loop must
	 * not query what it waits for on every pass
	 */
	static void check(boolean condition, Supplier<String> message) {
		if (!condition) {
			throw new IllegalStateException(message.get());
		}
	}

	static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	static String value(String[] args, int index) {
		if (index >= args.length) {
			fail(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	static int number(String[] args, int index, int least) {
		String value = value(args, index);
		try {
			int number = Integer.parseInt(value);
			if (number >= least && number <= 1_000_000) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		fail(args[index - 1] + " must be a number from " + least + " to 1000000, not " + value);
		return 0;
	}

	static void fail(String message) {
		System.err.println(message);
		System.err.print(USAGE);
		System.exit(2);
	}

}
