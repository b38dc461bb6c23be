package org.syndication.notifier.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.syndication.testsupport.BenchmarkOptions;
import org.syndication.testsupport.JsonFile;

/**
 * Benchmarks of notifier-service that need no local stack.
 * <p>
 * {@code java -jar notifier-benchmarks/target/notifier-benchmarks.jar fanout [options]}
 * measures the fan-out of one article to confirmed subscribers next to a plain Jakarta
 * Mail loop (see {@link FanOutBenchmark}); {@code digest [options]} a daily digest run to
 * many subscribers, queueing and sending, next to the same loop (see
 * {@link DigestBenchmark}). Each prints a table and, with {@code --json-out FILE}, writes
 * the figures as JSON.
 */
public final class NotifierBenchmark {

	private static final String USAGE = """
			usage: java -jar notifier-benchmarks/target/notifier-benchmarks.jar fanout|digest|dispatch|consumer|fanout-queue [options]
			fanout: one article to many subscribers
			  --subscribers N     confirmed subscribers, and messages of the plain loop (10000; 1..100000)
			  --rounds N          measured rounds (3; 1..20), and as many by a second notifier that exports
			                      every span (sampling 1.0) to a Zipkin collector in this JVM, in turns
			  --no-tracing        no traced notifier, no traced rounds
			  --warmup N          subscribers, and plain messages, of a first round that is not counted
			                      (as many as --subscribers; 0..100000, 0 for none)
			  --in-memory         H2 in memory instead of a temporary file (the local stack uses a file)
			  --greenmail         GreenMail as the SMTP server, as in the local stack, instead of a sink that
			                      only counts (GreenMail's cost grows with its number of mailboxes)
			  --set NAME=VALUE    a notifier property, e.g. notifier.mail.messages-per-second=100000;
			                      repeatable; without it the notifier runs with its defaults
			  --json-out FILE     also write the figures as JSON
			digest: a daily digest run, DigestRuns.runNow(DAILY), then the dispatcher sending every digest
			  --subscribers N     confirmed daily subscribers (100000; 1..1000000)
			  --articles N        articles received in the day (40; 1..500)
			  --statement-times   time each SQL statement in each phase (H2 query statistics) and list the
			                      slowest
			  --in-memory, --greenmail, --set NAME=VALUE, --json-out FILE   as for fanout
			dispatch: one queue of alerts sent by one notifier instance, then by two sharing one database
			  --alerts N          queued alerts (4000; 1..100000)
			  --warmup N          alerts of a first run with one instance, not counted (1000; 0..100000)
			  --latency-ms N      how long the SMTP sink takes over each message (20; 0..1000)
			  --postgres URL      a PostgreSQL JDBC URL (a schema of its own per run) instead of an H2 file
			  --set NAME=VALUE    as for fanout
			consumer: the notifier reading the articles topic of a real broker, next to a plain KafkaConsumer
			  --events N          events on the topic (10000; 1..1000000)
			  --subscribers N     confirmed subscribers (1000; 0..1000000)
			  --warmup N          events of a warm-up round first, with as many subscribers (as many as
			                      --events; 0 for none: the notifier measured has just started)
			  --tracing-rounds N  rounds with traces exported at 100 % sampling, and as many without, in
			                      turns after the warm-up (2; 0..10)
			  --set NAME=VALUE, --json-out FILE   as for fanout
			  --statement-times   time the notifier's SQL statements (H2 query statistics) and list the slowest
			fanout-queue: the time and heap of queueing one article's alerts, nothing sent
			  --subscribers N     confirmed subscribers, all taking every category (1000000; 1..5000000)
			  --set NAME=VALUE    as for fanout
			""";

	private NotifierBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkOptions options = new BenchmarkOptions(args, USAGE, "not");
		String command = (args.length > 0) ? args[0] : "";
		switch (command) {
			case "fanout" -> fanOut(options);
			case "digest" -> digest(options);
			case "dispatch" -> dispatch(options);
			case "consumer" -> ConsumerBenchmark.main(options);
			case "fanout-queue" -> FanOutQueueBenchmark.main(options);
			default -> options.usage();
		}
		// Nothing must keep the JVM: the notifier and the SMTP server are closed by now.
		System.exit(0);
	}

	private static void fanOut(BenchmarkOptions options) throws Exception {
		int subscribers = 10_000;
		int rounds = 3;
		int warmUp = -1;
		boolean tracing = true;
		MailOptions shared = new MailOptions();
		while (options.hasNext()) {
			String option = options.next();
			switch (option) {
				case "--no-tracing" -> tracing = false;
				case "--subscribers" -> subscribers = options.number(1, 100_000);
				case "--rounds" -> rounds = options.number(1, 20);
				case "--warmup" -> warmUp = options.number(0, 100_000);
				default -> shared.take(options, option);
			}
		}
		if (warmUp < 0) {
			warmUp = subscribers;
		}
		System.err.printf("fan-out to %,d subscribers, %d measured round(s)%s after a warm-up with %,d%n", subscribers,
				rounds, tracing ? " without tracing and as many with" : "", warmUp);
		FanOutReport report = new FanOutBenchmark(new FanOutBenchmark.Options(subscribers, rounds, warmUp,
				shared.inMemory, shared.greenMail, List.copyOf(shared.overrides), tracing))
			.run();
		System.out.print(report.table());
		if (shared.jsonOut != null) {
			JsonFile.write(shared.jsonOut, report.json());
		}
	}

	private static void digest(BenchmarkOptions options) throws Exception {
		int subscribers = 100_000;
		int articles = 40;
		boolean statementTimes = false;
		MailOptions shared = new MailOptions();
		while (options.hasNext()) {
			String option = options.next();
			switch (option) {
				case "--statement-times" -> statementTimes = true;
				case "--subscribers" -> subscribers = options.number(1, 1_000_000);
				case "--articles" -> articles = options.number(1, 500);
				default -> shared.take(options, option);
			}
		}
		System.err.printf("daily digest to %,d subscribers, %d articles in the day%n", subscribers, articles);
		DigestReport report = new DigestBenchmark(new DigestBenchmark.Options(subscribers, articles, shared.inMemory,
				shared.greenMail, List.copyOf(shared.overrides), statementTimes))
			.run();
		System.out.print(report.table());
		if (shared.jsonOut != null) {
			JsonFile.write(shared.jsonOut, report.json());
		}
	}

	private static void dispatch(BenchmarkOptions options) throws Exception {
		int alerts = 4000;
		int warmUp = 1000;
		int latency = 20;
		String postgres = null;
		List<String> overrides = new ArrayList<>();
		while (options.hasNext()) {
			String option = options.next();
			switch (option) {
				case "--alerts" -> alerts = options.number(1, 100_000);
				case "--warmup" -> warmUp = options.number(0, 100_000);
				case "--latency-ms" -> latency = options.number(0, 1000);
				case "--postgres" -> postgres = options.value();
				case "--set" -> overrides.add(options.property());
				default -> options.fail("unknown option " + option);
			}
		}
		System.err.printf("dispatch of %,d alerts by one instance, then two; the SMTP sink takes %d ms a message%n",
				alerts, latency);
		DispatchReport report = new DispatchBenchmark(new DispatchBenchmark.Options(alerts, warmUp,
				Duration.ofMillis(latency), postgres, List.copyOf(overrides)))
			.run();
		System.out.print(report.table());
	}

	/** The options fanout and digest share. */
	private static final class MailOptions {

		private boolean inMemory;

		private boolean greenMail;

		private final List<String> overrides = new ArrayList<>();

		private Path jsonOut;

		/** Takes the option just read, or fails as an unknown one. */
		void take(BenchmarkOptions options, String option) {
			switch (option) {
				case "--in-memory" -> this.inMemory = true;
				case "--greenmail" -> this.greenMail = true;
				case "--set" -> this.overrides.add(options.property());
				case "--json-out" -> this.jsonOut = Path.of(options.value());
				default -> options.fail("unknown option " + option);
			}
		}

	}

}
