package org.syndication.notifier.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.syndication.notifier.benchmarks.FanOutBenchmark.Options;
import org.syndication.notifier.benchmarks.FanOutBenchmark.Report;
import org.syndication.notifier.benchmarks.FanOutBenchmark.Round;
import tools.jackson.databind.json.JsonMapper;

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

	private static final int MB = 1024 * 1024;

	private NotifierBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String command = (args.length > 0) ? args[0] : "";
		switch (command) {
			case "fanout" -> fanOut(args);
			case "digest" -> digest(args);
			case "dispatch" -> dispatch(args);
			case "consumer" -> ConsumerBenchmark.main(args);
			case "fanout-queue" -> FanOutQueueBenchmark.main(args);
			default -> {
				System.err.print(USAGE);
				System.exit(2);
			}
		}
		// Nothing must keep the JVM: the notifier and the SMTP server are closed by now.
		System.exit(0);
	}

	private static void fanOut(String[] args) throws Exception {
		int subscribers = 10_000;
		int rounds = 3;
		int warmUp = -1;
		boolean inMemory = false;
		boolean greenMail = false;
		boolean tracing = true;
		List<String> overrides = new ArrayList<>();
		Path jsonOut = null;
		for (int i = 1; i < args.length; i++) {
			String option = args[i];
			switch (option) {
				case "--no-tracing" -> tracing = false;
				case "--subscribers" -> subscribers = number(args, ++i, 1, 100_000);
				case "--rounds" -> rounds = number(args, ++i, 1, 20);
				case "--warmup" -> warmUp = number(args, ++i, 0, 100_000);
				case "--in-memory" -> inMemory = true;
				case "--greenmail" -> greenMail = true;
				case "--set" -> overrides.add(property(args, ++i));
				case "--json-out" -> jsonOut = Path.of(value(args, ++i));
				default -> fail("unknown option " + option);
			}
		}
		if (warmUp < 0) {
			warmUp = subscribers;
		}
		System.err.printf("fan-out to %,d subscribers, %d measured round(s)%s after a warm-up with %,d%n", subscribers,
				rounds, tracing ? " without tracing and as many with" : "", warmUp);
		Report report = new FanOutBenchmark(
				new Options(subscribers, rounds, warmUp, inMemory, greenMail, List.copyOf(overrides), tracing))
			.run();
		System.out.print(table(report));
		if (jsonOut != null) {
			write(jsonOut, report);
		}
	}

	private static void digest(String[] args) throws Exception {
		int subscribers = 100_000;
		int articles = 40;
		boolean inMemory = false;
		boolean greenMail = false;
		boolean statementTimes = false;
		List<String> overrides = new ArrayList<>();
		Path jsonOut = null;
		for (int i = 1; i < args.length; i++) {
			String option = args[i];
			switch (option) {
				case "--statement-times" -> statementTimes = true;
				case "--subscribers" -> subscribers = number(args, ++i, 1, 1_000_000);
				case "--articles" -> articles = number(args, ++i, 1, 500);
				case "--in-memory" -> inMemory = true;
				case "--greenmail" -> greenMail = true;
				case "--set" -> overrides.add(property(args, ++i));
				case "--json-out" -> jsonOut = Path.of(value(args, ++i));
				default -> fail("unknown option " + option);
			}
		}
		System.err.printf("daily digest to %,d subscribers, %d articles in the day%n", subscribers, articles);
		DigestBenchmark.Report report = new DigestBenchmark(new DigestBenchmark.Options(subscribers, articles, inMemory,
				greenMail, List.copyOf(overrides), statementTimes))
			.run();
		System.out.print(digestTable(report));
		if (jsonOut != null) {
			writeDigest(jsonOut, report);
		}
	}

	private static void dispatch(String[] args) throws Exception {
		int alerts = 4000;
		int warmUp = 1000;
		int latency = 20;
		String postgres = null;
		List<String> overrides = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String option = args[i];
			switch (option) {
				case "--alerts" -> alerts = number(args, ++i, 1, 100_000);
				case "--warmup" -> warmUp = number(args, ++i, 0, 100_000);
				case "--latency-ms" -> latency = number(args, ++i, 0, 1000);
				case "--postgres" -> postgres = value(args, ++i);
				case "--set" -> overrides.add(property(args, ++i));
				default -> fail("unknown option " + option);
			}
		}
		System.err.printf("dispatch of %,d alerts by one instance, then two; the SMTP sink takes %d ms a message%n",
				alerts, latency);
		DispatchBenchmark.Report report = new DispatchBenchmark(new DispatchBenchmark.Options(alerts, warmUp,
				Duration.ofMillis(latency), postgres, List.copyOf(overrides)))
			.run();
		System.out.print(report.table());
	}

	static String digestTable(DigestBenchmark.Report report) {
		DigestFixture.Expected fixture = report.fixture();
		DigestBenchmark.Phase queueing = report.queueing();
		DigestBenchmark.Phase sending = report.sending();
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%nDaily digest to %,d confirmed subscribers (%,d take every category, the others 1 to 3 of %d), "
						+ "%d articles in the day%n",
				fixture.subscribers(), fixture.allCategories(), DigestFixture.CATEGORIES.size(), fixture.articles()));
		out.append(String.format(Locale.ROOT,
				"  notifier: DigestRuns.runNow(DAILY), then its dispatcher: %d SMTP connections, %,d messages/s, "
						+ "%s database%s%n",
				report.connections(), report.messagesPerSecond(), report.database(),
				report.overrides().isEmpty() ? " (its defaults)" : "; set: " + String.join(", ", report.overrides())));
		out.append(String.format(Locale.ROOT,
				"  plain loop: one Jakarta Mail Transport, connected once, MailComposer.digest and sendMessage for "
						+ "each of the same digests%n"));
		out.append(String.format(Locale.ROOT, "  SMTP server: %s%n", report.sink()));
		out.append(String.format(Locale.ROOT, "  JVM: max heap %,d MB, %d cores%n%n", queueing.heap().maxBytes() / MB,
				report.cores()));
		out.append(String.format(Locale.ROOT, "%-22s %9s %10s %9s %10s %15s %17s %5s%n", "phase", "digests", "items",
				"seconds", "digests/s", "heap peak MB", "after a GC MB", "GCs"));
		out.append(phaseRow("queueing (runNow)", queueing, queueing.items()));
		out.append(phaseRow("sending (dispatcher)", sending, -1));
		out.append(String.format(Locale.ROOT, "%-22s %,9d %10s %9.1f %,10.0f%n", "plain loop", sending.count(), "",
				report.plainSeconds(), report.plainRate()));
		out.append(String.format(Locale.ROOT, "%nnotifier sending / plain loop: %.2f%n", report.ratio()));
		out.append(String.format(Locale.ROOT,
				"heap: from %,d MB after a GC before queueing and %,d MB before sending; the peak samples every 50 ms%n",
				queueing.heap().baselineBytes() / MB, sending.heap().baselineBytes() / MB));
		out.append(String.format(Locale.ROOT,
				"message size as received: notifier %,d bytes, plain loop %,d bytes on average; set-up (not measured) "
						+ "%.0f s%n",
				report.notifierMessageBytes(), report.plainMessageBytes(), report.setupSeconds()));
		out.append(String.format(Locale.ROOT,
				"checked: %,d digests queued = subscribers with a match, %,d items, "
						+ "every row SENT, the SMTP server received exactly %,d from each sender%n",
				queueing.count(), queueing.items(), sending.count()));
		out.append(statements("queueing", queueing));
		out.append(statements("sending", sending));
		return out.toString();
	}

	private static String statements(String name, DigestBenchmark.Phase phase) {
		if (phase.statements().isEmpty()) {
			return "";
		}
		StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
				"%nslowest SQL statements while %s (H2 query statistics, all executions)%n", name));
		out.append(String.format(Locale.ROOT, "%10s %10s %9s %11s  %s%n", "runs", "total ms", "max ms", "rows",
				"statement"));
		for (StatementTimes.Statement statement : phase.statements()) {
			out.append(String.format(Locale.ROOT, "%,10d %,10.0f %,9.0f %,11d  %s%n", statement.executions(),
					statement.totalMillis(), statement.maxMillis(), statement.rows(), statement.shortSql(400)));
		}
		return out.toString();
	}

	private static String phaseRow(String name, DigestBenchmark.Phase phase, long items) {
		return String.format(Locale.ROOT, "%-22s %,9d %10s %9.1f %,10.0f %,15d %,17d %5d%n", name, phase.count(),
				(items >= 0) ? String.format(Locale.ROOT, "%,d", items) : "", phase.seconds(), phase.rate(),
				phase.heap().peakBytes() / MB, phase.heap().peakAfterGcBytes() / MB, phase.heap().collections());
	}

	private static void writeDigest(Path file, DigestBenchmark.Report report) throws IOException {
		DigestFixture.Expected fixture = report.fixture();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("subscribers", fixture.subscribers());
		json.put("all_categories", fixture.allCategories());
		json.put("categories", DigestFixture.CATEGORIES.size());
		json.put("articles", fixture.articles());
		json.put("connections", report.connections());
		json.put("messages_per_second", report.messagesPerSecond());
		json.put("database", report.database());
		json.put("overrides", report.overrides());
		json.put("sink", report.sink());
		json.put("cores", report.cores());
		json.put("max_heap_mb", report.queueing().heap().maxBytes() / MB);
		json.put("setup_seconds", round(report.setupSeconds()));
		json.put("queueing", phase(report.queueing()));
		json.put("sending", phase(report.sending()));
		Map<String, Object> plain = new LinkedHashMap<>();
		plain.put("digests", report.sending().count());
		plain.put("seconds", round(report.plainSeconds()));
		plain.put("digests_per_second", Math.round(report.plainRate()));
		json.put("plain", plain);
		json.put("ratio", Math.round(report.ratio() * 100) / 100.0);
		json.put("notifier_message_bytes", report.notifierMessageBytes());
		json.put("plain_message_bytes", report.plainMessageBytes());
		Files.writeString(file, JsonMapper.builder().build().writeValueAsString(json) + "\n");
	}

	private static Map<String, Object> phase(DigestBenchmark.Phase phase) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("digests", phase.count());
		json.put("items", phase.items());
		json.put("seconds", round(phase.seconds()));
		json.put("digests_per_second", Math.round(phase.rate()));
		json.put("heap_baseline_mb", phase.heap().baselineBytes() / MB);
		json.put("heap_peak_mb", phase.heap().peakBytes() / MB);
		json.put("heap_peak_after_gc_mb", phase.heap().peakAfterGcBytes() / MB);
		json.put("collections", phase.heap().collections());
		return json;
	}

	private static double round(double seconds) {
		return Math.round(seconds * 100) / 100.0;
	}

	static String table(Report report) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%nFan-out of one article to %,d confirmed subscribers%n",
				report.subscribers()));
		out.append(String.format(Locale.ROOT,
				"  notifier: %d SMTP connections, %,d messages/s, dispatch every %s, %s database%s%n",
				report.connections(), report.messagesPerSecond(), report.dispatchInterval(), report.database(),
				report.overrides().isEmpty() ? " (its defaults)" : "; set: " + String.join(", ", report.overrides())));
		out.append(String.format(Locale.ROOT,
				"  plain loop: one Jakarta Mail Transport, connected once, sendMessage %,d times, TCP_NODELAY as the notifier%n",
				report.subscribers()));
		out.append(String.format(Locale.ROOT, "  SMTP server: %s%n%n", report.sink()));
		out.append(String.format(Locale.ROOT, "%-14s %18s %20s %15s %11s %13s %8s%n", "round", "notifier emails/s",
				"plain loop emails/s", "notifier/plain", "notifier s", "(queueing s)", "plain s"));
		int number = 0;
		for (Round round : report.rounds()) {
			String name = (round.warmUp() ? String.format(Locale.ROOT, "warm-up %,d", round.messages())
					: String.valueOf(++number)) + (round.traced() ? " traced" : "");
			out.append(String.format(Locale.ROOT, "%-14s %,18.0f %,20.0f %15.2f %11.2f %13.2f %8.2f%n", name,
					round.notifierRate(), round.plainRate(), round.ratio(), round.notifierSeconds(),
					round.queueSeconds(), round.plainSeconds()));
		}
		out.append(String.format(Locale.ROOT, "%-14s %,18.0f %,20.0f %15.2f%n", "median", report.medianNotifierRate(),
				report.medianPlainRate(), report.medianRatio()));
		if (report.traced()) {
			out.append(
					String.format(Locale.ROOT, "%-14s %,18.0f%n", "median traced", report.tracedMedianNotifierRate()));
		}
		out.append(String.format(Locale.ROOT, "%n"));
		Round last = report.rounds().get(report.rounds().size() - 1);
		out.append(String.format(Locale.ROOT, "message size as stored: notifier %,d bytes, plain loop %,d bytes%n",
				last.notifierMessageBytes(), last.plainMessageBytes()));
		out.append(String.format(Locale.ROOT,
				"composing on one thread: MailComposer.alert %.0f µs/mail, its MIME message %.0f µs/mail%n",
				report.writeMicros(), report.mimeMicros()));
		out.append(String.format(Locale.ROOT,
				"targets: notifier ≥ 1,000 emails/s %s (%,.0f); notifier/plain ≥ 0.7 %s (%.2f)%n",
				(report.medianNotifierRate() >= 1000) ? "met" : "MISSED", report.medianNotifierRate(),
				(report.medianRatio() >= 0.7) ? "met" : "MISSED", report.medianRatio()));
		if (report.traced()) {
			out.append(String.format(Locale.ROOT,
					"tracing: the traced rounds' notifier exported every span (sampling 1.0), %,d in all, to a Zipkin "
							+ "collector in this JVM; traced / untraced %.3f (medians %,.0f and %,.0f emails/s); "
							+ "target ≥ 0.9 %s%n",
					report.spans(), report.tracedRatio(), report.tracedMedianNotifierRate(),
					report.medianNotifierRate(), (report.tracedRatio() >= 0.9) ? "met" : "MISSED"));
		}
		return out.toString();
	}

	private static void write(Path file, Report report) throws IOException {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("subscribers", report.subscribers());
		json.put("connections", report.connections());
		json.put("messages_per_second", report.messagesPerSecond());
		json.put("dispatch_interval", report.dispatchInterval());
		json.put("database", report.database());
		json.put("overrides", report.overrides());
		json.put("sink", report.sink());
		List<Map<String, Object>> rounds = new ArrayList<>();
		for (Round round : report.rounds()) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("warm_up", round.warmUp());
			row.put("traced", round.traced());
			row.put("messages", round.messages());
			row.put("notifier_emails_per_second", Math.round(round.notifierRate()));
			row.put("plain_emails_per_second", Math.round(round.plainRate()));
			row.put("ratio", Math.round(round.ratio() * 100) / 100.0);
			row.put("notifier_seconds", round.notifierSeconds());
			row.put("queue_seconds", round.queueSeconds());
			row.put("mark_lag_seconds", round.markLagSeconds());
			row.put("plain_seconds", round.plainSeconds());
			row.put("notifier_message_bytes", round.notifierMessageBytes());
			row.put("plain_message_bytes", round.plainMessageBytes());
			rounds.add(row);
		}
		json.put("rounds", rounds);
		Map<String, Object> median = new LinkedHashMap<>();
		median.put("notifier_emails_per_second", Math.round(report.medianNotifierRate()));
		median.put("plain_emails_per_second", Math.round(report.medianPlainRate()));
		median.put("ratio", Math.round(report.medianRatio() * 100) / 100.0);
		json.put("median", median);
		if (report.traced()) {
			Map<String, Object> tracing = new LinkedHashMap<>();
			tracing.put("traced_emails_per_second", Math.round(report.tracedMedianNotifierRate()));
			tracing.put("untraced_emails_per_second", Math.round(report.medianNotifierRate()));
			tracing.put("ratio", Math.round(report.tracedRatio() * 1000) / 1000.0);
			tracing.put("spans", report.spans());
			json.put("tracing", tracing);
		}
		json.put("compose_alert_micros", Math.round(report.writeMicros()));
		json.put("compose_mime_micros", Math.round(report.mimeMicros()));
		Files.writeString(file, JsonMapper.builder().build().writeValueAsString(json) + "\n");
	}

	static String value(String[] args, int index) {
		if (index >= args.length) {
			fail(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	static int number(String[] args, int index, int min, int max) {
		String value = value(args, index);
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		fail(args[index - 1] + " must be a number from " + min + " to " + max + ", not " + value);
		return 0;
	}

	static String property(String[] args, int index) {
		String value = value(args, index);
		if (!value.matches("[a-z][a-z0-9.\\-\\[\\]]*=.*")) {
			fail("--set takes NAME=VALUE, not " + value);
		}
		return value;
	}

	static void fail(String message) {
		System.err.println(message);
		System.err.print(USAGE);
		System.exit(2);
	}

}
