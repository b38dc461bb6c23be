package org.syndication.feed.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.testsupport.BenchmarkOptions;
import org.syndication.testsupport.Checks;
import org.syndication.testsupport.ConsumerRounds;
import org.syndication.testsupport.H2FileDatabase;
import org.syndication.testsupport.PlainConsumer;
import org.syndication.testsupport.TracedRounds;
import org.syndication.testsupport.ZipkinCollector;

import org.springframework.util.FileSystemUtils;

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

	private static final Duration PATIENCE = Duration.ofMinutes(30);

	/** The events measured: the same in every run. */
	private static final long SEED = 42;

	/** Other events for the warm-up round. */
	private static final long WARMUP_SEED = 7;

	private ConsumerBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkOptions options = CommandLine.options(args);
		String command = (args.length > 0) ? args[0] : "";
		if (command.equals("websub")) {
			WebSubBenchmark.run(options);
			System.exit(0);
		}
		if (!command.equals("consumer") && !command.equals("rebuild")) {
			options.usage();
		}
		boolean rebuild = command.equals("rebuild");
		int events = rebuild ? 100_000 : 10_000;
		Integer warmup = null;
		int tracingPairs = rebuild ? 0 : 2;
		List<String> overrides = new ArrayList<>();
		Path jsonOut = null;
		while (options.hasNext()) {
			String option = options.next();
			switch (option) {
				case "--events" -> events = options.number(1, 1_000_000);
				case "--warmup" -> warmup = options.number(0, 1_000_000);
				case "--tracing-rounds" -> tracingPairs = options.number(0, 1_000_000);
				case "--set" -> overrides.add(options.value());
				case "--json-out" -> jsonOut = Path.of(options.value());
				default -> options.fail("unknown option " + option);
			}
		}
		if (tracingPairs > 10) {
			options.fail("--tracing-rounds must be a number from 0 to 10");
		}
		int warmupEvents = (warmup != null) ? warmup : rebuild ? 0 : events;
		int measuredEvents = events;
		List<ConsumerReport> rounds = ConsumerRounds.run(warmupEvents, tracingPairs,
				(cold, traced) -> run(rebuild, warmupEvents, WARMUP_SEED, forRound(overrides, "warmup"), null, traced),
				(cold, traced) -> run(rebuild, measuredEvents, SEED, forRound(overrides, "measured"), cold, traced),
				"round without tracing", "round with every span exported");
		ConsumerRounds.print(rounds.get(0), (tracingPairs > 0) ? new ConsumerTracing(rounds) : null, jsonOut);
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
	static ConsumerReport run(boolean rebuild, int count, long seed, List<String> overrides, ConsumerReport warmup,
			boolean traced) throws Exception {
		Path directory = Files.createTempDirectory("feed-consumer-benchmark");
		try (ZipkinCollector collector = new ZipkinCollector()) {
			TopicEvents topic = TopicEvents.generate(count, seed);
			System.err.printf("starting a broker; writing %,d events about %,d articles%n", count, topic.articles());
			List<String> settings = new ArrayList<>(overrides);
			if (traced) {
				settings.addAll(TracedRounds.exportingTo(collector));
			}
			ConsumerReport report;
			try (BenchmarkKafka kafka = BenchmarkKafka.start(directory.resolve("kafka"))) {
				long writeStart = System.nanoTime();
				kafka.write(topic.events(), traced);
				double writeSeconds = seconds(writeStart);
				Map<TopicPartition, Long> ends = kafka.endOffsets();
				long onTopic = ends.values().stream().mapToLong(Long::longValue).sum();
				Checks.check(onTopic == count, () -> "the topic holds " + onTopic + " records, not " + count);

				System.err.println("plain consumer");
				double plainSeconds = PlainConsumer.median(kafka.clientConfig(KafkaCredentials.ADMIN), count, PATIENCE);

				System.err.println("feed-service" + (rebuild ? " with feed.rebuild=true" : ""));
				String database = H2FileDatabase.url(directory.resolve("feed-service/db"));
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
						Checks.check(System.nanoTime() < deadline, () -> "feed-service did not catch up within "
								+ PATIENCE + ": " + feed.articles() + " of " + topic.articles() + " articles");
						Thread.sleep(50);
					}
					double feedSeconds = seconds(start);
					Checks.check(feed.articles() == topic.articles(),
							() -> "the catalog holds " + feed.articles() + " articles, not " + topic.articles());
					Checks.check(feed.liveArticles() == topic.live(),
							() -> "the catalog shows " + feed.liveArticles() + " live articles, not " + topic.live());
					report = new ConsumerReport(rebuild, count, topic.articles(), topic.live(), writeSeconds,
							plainSeconds, feedSeconds, (batchMode != null) ? batchMode : "false",
							(maxPollRecords != null) ? maxPollRecords : "500 (Kafka's default)",
							Runtime.getRuntime().availableProcessors(), List.copyOf(overrides), warmup, traced, 0);
				}
			}
			// One span at least for every record applied; the last ones leave as the
			// service closes.
			return report.withSpans(TracedRounds.exported(collector, traced, count, Duration.ofSeconds(30)));
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

}
