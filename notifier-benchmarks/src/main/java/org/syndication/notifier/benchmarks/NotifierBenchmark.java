package org.syndication.notifier.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Mail loop (see {@link FanOutBenchmark}), prints a table and, with
 * {@code --json-out FILE}, writes the figures as JSON.
 */
public final class NotifierBenchmark {

	private static final String USAGE = """
			usage: java -jar notifier-benchmarks/target/notifier-benchmarks.jar fanout [options]
			  --subscribers N     confirmed subscribers, and messages of the plain loop (10000; 1..100000)
			  --rounds N          measured rounds (3; 1..20)
			  --warmup N          subscribers, and plain messages, of a first round that is not counted
			                      (as many as --subscribers; 0..100000, 0 for none)
			  --in-memory         H2 in memory instead of a temporary file (the local stack uses a file)
			  --greenmail         GreenMail as the SMTP server, as in the local stack, instead of a sink that
			                      only counts (GreenMail's cost grows with its number of mailboxes)
			  --set NAME=VALUE    a notifier property, e.g. notifier.mail.messages-per-second=100000;
			                      repeatable; without it the notifier runs with its defaults
			  --json-out FILE     also write the figures as JSON
			""";

	private NotifierBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0 || !args[0].equals("fanout")) {
			System.err.print(USAGE);
			System.exit(2);
		}
		int subscribers = 10_000;
		int rounds = 3;
		int warmUp = -1;
		boolean inMemory = false;
		boolean greenMail = false;
		List<String> overrides = new ArrayList<>();
		Path jsonOut = null;
		for (int i = 1; i < args.length; i++) {
			String option = args[i];
			switch (option) {
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
		System.err.printf("fan-out to %,d subscribers, %d measured round(s) after a warm-up with %,d%n", subscribers,
				rounds, warmUp);
		Report report = new FanOutBenchmark(
				new Options(subscribers, rounds, warmUp, inMemory, greenMail, List.copyOf(overrides)))
			.run();
		System.out.print(table(report));
		if (jsonOut != null) {
			write(jsonOut, report);
		}
		// Nothing must keep the JVM: the notifier and the SMTP server are closed by now.
		System.exit(0);
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
			String name = round.warmUp() ? String.format(Locale.ROOT, "warm-up %,d", round.messages())
					: String.valueOf(++number);
			out.append(String.format(Locale.ROOT, "%-14s %,18.0f %,20.0f %15.2f %11.2f %13.2f %8.2f%n", name,
					round.notifierRate(), round.plainRate(), round.ratio(), round.notifierSeconds(),
					round.queueSeconds(), round.plainSeconds()));
		}
		out.append(String.format(Locale.ROOT, "%-14s %,18.0f %,20.0f %15.2f%n%n", "median", report.medianNotifierRate(),
				report.medianPlainRate(), report.medianRatio()));
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
		json.put("compose_alert_micros", Math.round(report.writeMicros()));
		json.put("compose_mime_micros", Math.round(report.mimeMicros()));
		Files.writeString(file, JsonMapper.builder().build().writeValueAsString(json) + "\n");
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			fail(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	private static int number(String[] args, int index, int min, int max) {
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

	private static String property(String[] args, int index) {
		String value = value(args, index);
		if (!value.matches("[a-z][a-z0-9.\\-\\[\\]]*=.*")) {
			fail("--set takes NAME=VALUE, not " + value);
		}
		return value;
	}

	private static void fail(String message) {
		System.err.println(message);
		System.err.print(USAGE);
		System.exit(2);
	}

}
