package org.syndication.notifier.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ch.qos.logback.classic.Level;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.SaslConfigs;
import org.slf4j.LoggerFactory;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.notifier.benchmarks.ConsumerWorkload.Expected;
import org.syndication.testsupport.ArticlesTopic;
import org.syndication.testsupport.BenchmarkOptions;
import org.syndication.testsupport.ConsumerRounds;
import org.syndication.testsupport.H2FileDatabase;
import org.syndication.testsupport.PlainConsumer;
import org.syndication.testsupport.TopicWriter;
import org.syndication.testsupport.TracedRounds;
import org.syndication.testsupport.ZipkinCollector;

import org.springframework.util.FileSystemUtils;

/**
 * The notifier's consumer of the {@code articles} topic, next to a plain
 * {@link KafkaConsumer} that only reads and parses the same records, in the same run.
 * <p>
 * A real broker runs in its own process, with SASL/SCRAM as in production, and the topic
 * has three partitions, as the publisher creates it. The events
 * ({@link ConsumerWorkload}) are written first, as the publisher writes them. The plain
 * consumer reads them in a consumer group of its own, from subscribing until it has
 * parsed the last one. The notifier runs in this process with its binding stopped until
 * it is measured: from starting the binding until its group's committed offsets reach the
 * end of every partition and its tables hold exactly the articles the events call for,
 * and then on until every publication's alerts are queued (the fan-out runs after the
 * consumer's transaction, in chunks of subscribers, as in production). Both consumer
 * times include joining a consumer group. The mail dispatcher is held (it looks for due
 * mail once at start-up and then only after an hour) so that it does not take the
 * processor from the consumer; queued alerts stay queued.
 * <p>
 * The same procedure runs first as a warm-up round, with other events (as many, unless
 * {@code --warmup} says otherwise) and the same number of subscribers, on a broker and a
 * database of their own, in this JVM: the round that is measured then finds the code of
 * both consumers compiled, as a notifier that has been running does when a burst arrives.
 * The warm-up round's figures, those of a notifier that has just started, are reported
 * too.
 * <p>
 * Then, unless {@code --tracing-rounds 0}, the measured round runs again, with and
 * without tracing in turns (untraced, traced, traced, untraced by default): in a traced
 * round every record carries a sampled {@code traceparent}, as a traced publisher writes
 * it, and the notifier exports every span (sampling 1.0) to a Zipkin collector in this
 * process, which must receive at least one span per record. A second warm-up round,
 * traced, comes first, so that the code only traced rounds run is compiled too. The cost
 * of tracing is the median traced rate over the median untraced one, for the events
 * applied and for the alerts queued.
 */
final class ConsumerBenchmark {

	private static final String MAX_POLL_RECORDS = "spring.cloud.stream.kafka.bindings.articles-in-0.consumer.configuration.max.poll.records";

	private static final String BATCH_MODE = "spring.cloud.stream.bindings.articles-in-0.consumer.batch-mode";

	/** The events measured: the same in every run. */
	private static final long SEED = 42;

	/** Other events for the warm-up round. */
	private static final long WARMUP_SEED = 7;

	private final Options options;

	ConsumerBenchmark(Options options) {
		this.options = options;
	}

	/** The {@code consumer} command. */
	static void main(BenchmarkOptions options) throws Exception {
		int events = 10_000;
		int subscribers = 1_000;
		Integer warmup = null;
		int tracingPairs = 2;
		List<String> overrides = new ArrayList<>();
		boolean statementTimes = false;
		Path jsonOut = null;
		while (options.hasNext()) {
			String option = options.next();
			switch (option) {
				case "--events" -> events = options.number(1, 1_000_000);
				case "--subscribers" -> subscribers = options.number(0, 1_000_000);
				case "--warmup" -> warmup = options.number(0, 1_000_000);
				case "--tracing-rounds" -> tracingPairs = options.number(0, 10);
				case "--set" -> overrides.add(options.property());
				case "--statement-times" -> statementTimes = true;
				case "--json-out" -> jsonOut = Path.of(options.value());
				default -> options.fail("unknown option " + option);
			}
		}
		System.err.printf("the articles topic: %,d events, %,d subscribers%n", events, subscribers);
		// The clients made before the notifier starts would log their settings at length.
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
		int warmupEvents = (warmup != null) ? warmup : events;
		ConsumerBenchmark warmupRound = new ConsumerBenchmark(
				new Options(warmupEvents, subscribers, List.copyOf(overrides), false));
		ConsumerBenchmark measured = new ConsumerBenchmark(
				new Options(events, subscribers, List.copyOf(overrides), statementTimes));
		List<ConsumerReport> rounds;
		try {
			rounds = ConsumerRounds.run(warmupEvents, tracingPairs,
					(cold, traced) -> warmupRound.run(WARMUP_SEED, null, traced),
					(cold, traced) -> measured.run(SEED, cold, traced), "a round measured",
					"a round measured with every span exported");
		}
		catch (Exception ex) {
			ex.printStackTrace();
			// The notifier's consumer may still be trying to reach the broker.
			System.exit(1);
			return;
		}
		ConsumerRounds.print(rounds.get(0), (tracingPairs > 0) ? new ConsumerTracing(rounds) : null, jsonOut);
	}

	/**
	 * One round: a broker and a database of its own.
	 * @param seed the events and subscribers
	 * @param warmup the warm-up round before it, if any
	 * @param traced whether the events carry a sampled trace each and the notifier
	 * exports every span
	 */
	ConsumerReport run(long seed, ConsumerReport warmup, boolean traced) throws Exception {
		ConsumerWorkload workload = ConsumerWorkload.generate(this.options.events(), this.options.subscribers(), seed);
		Expected expected = workload.expected();
		Path directory = Files.createTempDirectory("notifier-consumer-benchmark");
		String databaseUrl = H2FileDatabase.url(directory.resolve("db"));
		ConsumerReport report;
		try (ZipkinCollector collector = new ZipkinCollector();
				KafkaBrokerProcess broker = KafkaBrokerProcess.onFreePorts(directory.resolve("kafka"))) {
			System.err.println("  starting Kafka");
			broker.start();
			ArticlesTopic.create(broker.clientConfig(KafkaCredentials.ADMIN));
			System.err.printf("  writing %,d events%n", expected.events());
			TopicWriter.sendAll(broker.clientConfig(KafkaCredentials.PUBLISHER), workload.events(), traced);
			List<String> overrides = new ArrayList<>();
			// Held: it looks once at start-up, then not within the run.
			overrides.add("notifier.dispatch-interval=1h");
			overrides.addAll(this.options.overrides());
			if (traced) {
				overrides.addAll(TracedRounds.exportingTo(collector));
			}
			String jaas = (String) broker.clientConfig(KafkaCredentials.NOTIFIER).get(SaslConfigs.SASL_JAAS_CONFIG);
			try (MailSink sink = CountingSmtpSink.start();
					RunningNotifier notifier = RunningNotifier.startOnKafka(databaseUrl, sink,
							broker.bootstrapServers(), jaas, overrides)) {
				workload.writeSubscribers(notifier.jdbc());
				System.err.println("  plain consumer");
				double plainSeconds = PlainConsumer.median(broker.clientConfig(KafkaCredentials.ADMIN),
						expected.events(), Duration.ofSeconds(120 + expected.events() / 100));
				System.err.println("  notifier");
				StatementTimes times = this.options.statementTimes() ? StatementTimes.start(notifier.jdbc()) : null;
				ConsumerTimer.Timings timings = ConsumerTimer.time(broker, notifier, expected);
				if (times != null) {
					for (StatementTimes.Statement statement : times.stop(8)) {
						System.err.printf(Locale.ROOT, "    %,8d runs %,10.0f ms %,10d rows  %s%n",
								statement.executions(), statement.totalMillis(), statement.rows(),
								statement.shortSql(300));
					}
				}
				System.err.printf("    %,.0f events/s%n", expected.events() / timings.applied());
				String batchMode = notifier.property(BATCH_MODE);
				String maxPollRecords = notifier.property(MAX_POLL_RECORDS);
				report = new ConsumerReport(expected, plainSeconds, timings.applied(), timings.queued(), "H2 file",
						Boolean.parseBoolean(batchMode), (maxPollRecords != null) ? maxPollRecords : "500 (Kafka's)",
						this.options.overrides(), Runtime.getRuntime().availableProcessors(), warmup, traced, 0);
			}
			// One span at least for every record applied; the last ones leave as the
			// notifier closes.
			return report
				.withSpans(TracedRounds.exported(collector, traced, expected.events(), Duration.ofSeconds(30)));
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	/**
	 * What to run.
	 *
	 * @param events events on the topic
	 * @param subscribers confirmed subscribers taking alerts
	 * @param overrides notifier properties, {@code name=value}
	 * @param statementTimes whether to time the notifier's SQL statements (H2 query
	 * statistics) and list the slowest
	 */
	record Options(int events, int subscribers, List<String> overrides, boolean statementTimes) {

	}

}
