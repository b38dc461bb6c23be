package org.syndication.notifier.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.notifier.benchmarks.ConsumerWorkload.Expected;
import org.syndication.testsupport.PlainConsumer;
import org.syndication.testsupport.TopicWriter;
import org.syndication.testsupport.TracedRounds;
import org.syndication.testsupport.ZipkinCollector;
import tools.jackson.databind.json.JsonMapper;

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

	private static final String TOPIC = ArticleEventHeaders.TOPIC;

	private static final int PARTITIONS = 3;

	private static final String GROUP = "notifier-service";

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

	/** The {@code consumer} command: {@code args[0]} is its name. */
	static void main(String[] args) throws Exception {
		int events = 10_000;
		int subscribers = 1_000;
		Integer warmup = null;
		int tracingPairs = 2;
		List<String> overrides = new ArrayList<>();
		boolean statementTimes = false;
		Path jsonOut = null;
		for (int i = 1; i < args.length; i++) {
			switch (args[i]) {
				case "--events" -> events = NotifierBenchmark.number(args, ++i, 1, 1_000_000);
				case "--subscribers" -> subscribers = NotifierBenchmark.number(args, ++i, 0, 1_000_000);
				case "--warmup" -> warmup = NotifierBenchmark.number(args, ++i, 0, 1_000_000);
				case "--tracing-rounds" -> tracingPairs = NotifierBenchmark.number(args, ++i, 0, 10);
				case "--set" -> overrides.add(NotifierBenchmark.property(args, ++i));
				case "--statement-times" -> statementTimes = true;
				case "--json-out" -> jsonOut = Path.of(NotifierBenchmark.value(args, ++i));
				default -> NotifierBenchmark.fail("unknown option " + args[i]);
			}
		}
		System.err.printf("the articles topic: %,d events, %,d subscribers%n", events, subscribers);
		// The clients made before the notifier starts would log their settings at length.
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
		int warmupEvents = (warmup != null) ? warmup : events;
		Report report;
		Tracing tracing = null;
		try {
			Report coldRound = null;
			if (warmupEvents > 0) {
				System.err.printf("warm-up round: %,d other events, not counted as the measure%n", warmupEvents);
				coldRound = new ConsumerBenchmark(new Options(warmupEvents, subscribers, List.copyOf(overrides), false))
					.run(WARMUP_SEED, null, false);
				if (tracingPairs > 0) {
					// The traced rounds run code the untraced ones do not (spans, their
					// export): compiled by the time they are measured, as in a notifier
					// traced for a while.
					System.err.printf("warm-up round with every span exported: %,d other events, not counted%n",
							warmupEvents);
					new ConsumerBenchmark(new Options(warmupEvents, subscribers, List.copyOf(overrides), false))
						.run(WARMUP_SEED, null, true);
				}
			}
			ConsumerBenchmark measured = new ConsumerBenchmark(
					new Options(events, subscribers, List.copyOf(overrides), statementTimes));
			List<Report> rounds = new ArrayList<>();
			for (boolean traced : (tracingPairs > 0) ? TracedRounds.order(tracingPairs) : List.of(false)) {
				System.err.println(traced ? "a round measured with every span exported" : "a round measured");
				rounds.add(measured.run(SEED, coldRound, traced));
			}
			// The first round, untraced, right after the warm-up: the measure as it
			// always was.
			report = rounds.get(0);
			tracing = (tracingPairs > 0) ? new Tracing(rounds) : null;
		}
		catch (Exception ex) {
			ex.printStackTrace();
			// The notifier's consumer may still be trying to reach the broker.
			System.exit(1);
			return;
		}
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
	}

	/**
	 * One round: a broker and a database of its own.
	 * @param seed the events and subscribers
	 * @param warmup the warm-up round before it, if any
	 * @param traced whether the events carry a sampled trace each and the notifier
	 * exports every span
	 */
	Report run(long seed, Report warmup, boolean traced) throws Exception {
		ConsumerWorkload workload = ConsumerWorkload.generate(this.options.events(), this.options.subscribers(), seed);
		Expected expected = workload.expected();
		Path directory = Files.createTempDirectory("notifier-consumer-benchmark");
		String databaseUrl = "jdbc:h2:file:" + directory.resolve("db").toAbsolutePath()
				+ ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
		Report report;
		try (ZipkinCollector collector = new ZipkinCollector();
				KafkaBrokerProcess broker = KafkaBrokerProcess.onFreePorts(directory.resolve("kafka"))) {
			System.err.println("  starting Kafka");
			broker.start();
			createTopic(broker);
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
				Timings timings = notifier(broker, notifier, expected);
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
				report = new Report(expected, plainSeconds, timings.applied(), timings.queued(), "H2 file",
						Boolean.parseBoolean(batchMode), (maxPollRecords != null) ? maxPollRecords : "500 (Kafka's)",
						this.options.overrides(), Runtime.getRuntime().availableProcessors(), warmup, traced, 0);
			}
			// One span at least for every record applied; the last ones leave as the
			// notifier closes.
			return report
				.withSpans(TracedRounds.exported(collector, traced, expected.events(), Duration.ofSeconds(30)));
		}
		finally {
			FanOutBenchmark.deleteRecursively(directory);
		}
	}

	private static void createTopic(KafkaBrokerProcess broker) throws Exception {
		try (Admin admin = Admin.create(broker.clientConfig(KafkaCredentials.ADMIN))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
		}
	}

	/**
	 * Starts the notifier's binding and waits until its offsets are committed to the end
	 * and its tables hold the articles {@code expected} says, then until the alerts are
	 * queued.
	 */
	private static Timings notifier(KafkaBrokerProcess broker, RunningNotifier notifier, Expected expected)
			throws Exception {
		try (Admin admin = Admin.create(broker.clientConfig(KafkaCredentials.ADMIN))) {
			Map<TopicPartition, Long> ends = ends(admin);
			long deadline = System.nanoTime() + Duration.ofSeconds(300 + expected.events() / 5).toNanos();
			long lastReport = System.nanoTime();
			long caughtUp = 0;
			double applied = 0;
			long start = System.nanoTime();
			notifier.startConsuming();
			while (true) {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
					.partitionsToOffsetAndMetadata()
					.get();
				long behind = ends.entrySet().stream().mapToLong((end) -> {
					OffsetAndMetadata offset = committed.get(end.getKey());
					return end.getValue() - ((offset != null) ? offset.offset() : 0);
				}).sum();
				if (applied == 0 && behind == 0 && applied(notifier, expected)) {
					applied = (System.nanoTime() - start) / 1e9;
				}
				// Counting the alerts reads the whole queue: only once no fan-out is
				// left.
				if (applied != 0 && fanouts(notifier) == 0 && queued(notifier, expected)) {
					return new Timings(applied, (System.nanoTime() - start) / 1e9);
				}
				// The binding commits only what it has applied: once at the end, the
				// articles must be right at once.
				if (behind == 0 && caughtUp == 0) {
					caughtUp = System.nanoTime();
				}
				if (System.nanoTime() > deadline || (applied == 0 && caughtUp != 0
						&& System.nanoTime() - caughtUp > Duration.ofSeconds(5).toNanos())) {
					throw new IllegalStateException("After " + (System.nanoTime() - start) / 1_000_000_000
							+ " s the notifier is " + behind + " records behind, or its tables are wrong: "
							+ tables(notifier) + "; expected " + expected);
				}
				if (System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos()) {
					System.err.printf("    %,d records to go%n", behind);
					lastReport = System.nanoTime();
				}
				Thread.sleep((applied != 0) ? 50 : (behind == 0) ? 5 : 20);
			}
		}
	}

	private static Map<TopicPartition, Long> ends(Admin admin) throws InterruptedException, ExecutionException {
		Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
		for (int partition = 0; partition < PARTITIONS; partition++) {
			latest.put(new TopicPartition(TOPIC, partition), OffsetSpec.latest());
		}
		return admin.listOffsets(latest)
			.all()
			.get()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	/** Whether the tables hold exactly the articles the events call for. */
	private static boolean applied(RunningNotifier notifier, Expected expected) {
		Map<String, Long> tables = tables(notifier);
		return tables.get("articles") == expected.articles() && tables.get("retracted") == expected.retractions();
	}

	/**
	 * Whether every publication's alerts are queued: exactly the expected alerts of the
	 * articles not retracted, pending; of the retracted ones at most those the
	 * publication queued (none, when the retraction came before the fan-out), and none
	 * pending but those a chunk queued as the retraction was applied, which the
	 * dispatcher cancels at sending.
	 */
	private static boolean queued(RunningNotifier notifier, Expected expected) {
		Map<String, Long> tables = tables(notifier);
		return tables.get("fanouts") == 0 && tables.get("live PENDING") == expected.pendingAlerts()
				&& tables.get("live CANCELLED") == 0
				&& tables.get("retracted PENDING") + tables.get("retracted CANCELLED") <= expected.cancelledAlerts();
	}

	private static long fanouts(RunningNotifier notifier) {
		return notifier.jdbc().queryForObject("SELECT COUNT(*) FROM alert_fanout", Long.class);
	}

	private static Map<String, Long> tables(RunningNotifier notifier) {
		Map<String, Long> tables = new HashMap<>();
		tables.put("articles", notifier.jdbc().queryForObject("SELECT COUNT(*) FROM article_alert", Long.class));
		tables.put("retracted", notifier.jdbc()
			.queryForObject("SELECT COUNT(*) FROM article_alert WHERE retracted = TRUE", Long.class));
		tables.put("fanouts", fanouts(notifier));
		for (String state : List.of("live", "retracted")) {
			tables.put(state + " PENDING", 0L);
			tables.put(state + " CANCELLED", 0L);
		}
		notifier.jdbc()
			.query("SELECT a.retracted, d.status, COUNT(*) FROM mail_delivery d "
					+ "JOIN article_alert a ON a.article_id = d.article_id WHERE d.kind = 'ALERT' "
					+ "GROUP BY a.retracted, d.status", (row) -> {
						tables.put((row.getBoolean(1) ? "retracted " : "live ") + row.getString(2), row.getLong(3));
					});
		return tables;
	}

	/**
	 * @param applied seconds from starting the binding to every event applied and
	 * committed
	 * @param queued seconds from starting the binding to every publication's alerts
	 * queued
	 */
	private record Timings(double applied, double queued) {

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

	/**
	 * What was measured.
	 *
	 * @param expected the workload, and what the notifier made of it (checked)
	 * @param plainSeconds the plain consumer, subscribing to the last record parsed
	 * @param notifierSeconds the notifier, starting its binding to every event applied
	 * and committed
	 * @param alertsSeconds the notifier, starting its binding to every publication's
	 * alerts queued
	 * @param database the notifier's database
	 * @param batchMode whether the binding takes the records of a poll at once
	 * @param maxPollRecords the binding's {@code max.poll.records}
	 * @param overrides notifier properties set for this run
	 * @param cores available processors
	 * @param warmup the warm-up round before it in this JVM, if any
	 * @param traced whether every span was exported
	 * @param spans the spans the collector received in a traced round
	 */
	record Report(Expected expected, double plainSeconds, double notifierSeconds, double alertsSeconds, String database,
			boolean batchMode, String maxPollRecords, List<String> overrides, int cores, Report warmup, boolean traced,
			long spans) {

		Report withSpans(long spans) {
			return new Report(this.expected, this.plainSeconds, this.notifierSeconds, this.alertsSeconds, this.database,
					this.batchMode, this.maxPollRecords, this.overrides, this.cores, this.warmup, this.traced, spans);
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

		String table() {
			Expected e = this.expected;
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT,
					"%nThe articles topic (%d partitions, a broker in its own process, SASL/SCRAM): %,d events, "
							+ "%,d publications, %,d edits, %,d retractions%n",
					PARTITIONS, e.events(), e.publications(), e.updates(), e.retractions()));
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

		Map<String, Object> json() {
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
			json.put("partitions", PARTITIONS);
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

	/**
	 * The measured rounds with and without tracing.
	 *
	 * @param rounds in the order they ran
	 */
	record Tracing(List<Report> rounds) {

		double rate(boolean traced) {
			return TracedRounds.median(rounds(traced).map(Report::notifierRate).toList());
		}

		double alertsRate(boolean traced) {
			return TracedRounds.median(rounds(traced).map(Report::alertsRate).toList());
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

		private Stream<Report> rounds(boolean traced) {
			return this.rounds.stream().filter((round) -> round.traced() == traced);
		}

		String table() {
			StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
					"%nTracing: the same events again, each in a sampled trace of its own, every span exported "
							+ "(sampling 1.0) to a Zipkin collector in this JVM, in turns with rounds without%n"));
			out.append(String.format(Locale.ROOT, "%-8s %-10s %14s %18s %16s %10s%n", "round", "tracing",
					"plain events/s", "notifier events/s", "alerts queued/s", "spans"));
			int number = 0;
			for (Report round : this.rounds) {
				out.append(String.format(Locale.ROOT, "%-8d %-10s %,14.0f %,18.0f %,16.0f %,10d%n", ++number,
						round.traced() ? "exported" : "off", round.plainRate(), round.notifierRate(),
						round.alertsRate(), round.spans()));
			}
			boolean alerts = hasAlerts();
			out.append(String.format(Locale.ROOT,
					"%ntraced / untraced: events applied %.3f (medians %,.0f and %,.0f "
							+ "events/s)%s; target ≥ 0.9 %s%n",
					ratio(), rate(true), rate(false),
					alerts ? String.format(Locale.ROOT, ", alerts queued %.3f (%,.0f and %,.0f alerts/s)",
							alertsRatio(), alertsRate(true), alertsRate(false)) : "",
					(Math.min(ratio(), alerts ? alertsRatio() : ratio()) >= 0.9) ? "met" : "MISSED"));
			return out.toString();
		}

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			List<Map<String, Object>> rows = new ArrayList<>();
			for (Report round : this.rounds) {
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

}
