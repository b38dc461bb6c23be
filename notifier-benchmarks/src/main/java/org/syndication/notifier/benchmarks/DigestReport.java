package org.syndication.notifier.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the digest benchmark measured, with the settings it was measured with, as
 * the table it prints and the JSON it writes.
 *
 * @param fixture what was set up
 * @param setupSeconds setting it up, not part of any figure
 * @param queueing the digest run
 * @param sending the dispatcher sending the digests
 * @param plainSeconds the plain loop sending the same digests
 * @param notifierMessageBytes the average size of the notifier's digests as received
 * @param plainMessageBytes the same for the plain loop
 * @param connections the notifier's SMTP connections
 * @param messagesPerSecond the notifier's rate limit
 * @param database the notifier's database
 * @param overrides notifier properties set for this run
 * @param sink the SMTP server
 * @param cores the processors this JVM sees
 */
record DigestReport(DigestFixture.Expected fixture, double setupSeconds, DigestPhase queueing, DigestPhase sending,
		double plainSeconds, long notifierMessageBytes, long plainMessageBytes, int connections, int messagesPerSecond,
		String database, List<String> overrides, String sink, int cores) {

	private static final int MB = 1024 * 1024;

	double plainRate() {
		return this.sending.count() / this.plainSeconds;
	}

	double ratio() {
		return this.sending.rate() / plainRate();
	}

	String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%nDaily digest to %,d confirmed subscribers (%,d take every category, the others 1 to 3 of %d), "
						+ "%d articles in the day%n",
				this.fixture.subscribers(), this.fixture.allCategories(), DigestFixture.CATEGORIES.size(),
				this.fixture.articles()));
		out.append(String.format(Locale.ROOT,
				"  notifier: DigestRuns.runNow(DAILY), then its dispatcher: %d SMTP connections, %,d messages/s, "
						+ "%s database%s%n",
				this.connections, this.messagesPerSecond, this.database,
				this.overrides.isEmpty() ? " (its defaults)" : "; set: " + String.join(", ", this.overrides)));
		out.append(String.format(Locale.ROOT,
				"  plain loop: one Jakarta Mail Transport, connected once, MailComposer.digest and sendMessage for "
						+ "each of the same digests%n"));
		out.append(String.format(Locale.ROOT, "  SMTP server: %s%n", this.sink));
		out.append(String.format(Locale.ROOT, "  JVM: max heap %,d MB, %d cores%n%n",
				this.queueing.heap().maxBytes() / MB, this.cores));
		out.append(String.format(Locale.ROOT, "%-22s %9s %10s %9s %10s %15s %17s %5s%n", "phase", "digests", "items",
				"seconds", "digests/s", "heap peak MB", "after a GC MB", "GCs"));
		out.append(phaseRow("queueing (runNow)", this.queueing, this.queueing.items()));
		out.append(phaseRow("sending (dispatcher)", this.sending, -1));
		out.append(String.format(Locale.ROOT, "%-22s %,9d %10s %9.1f %,10.0f%n", "plain loop", this.sending.count(), "",
				this.plainSeconds, plainRate()));
		out.append(String.format(Locale.ROOT, "%nnotifier sending / plain loop: %.2f%n", ratio()));
		out.append(String.format(Locale.ROOT,
				"heap: from %,d MB after a GC before queueing and %,d MB before sending; the peak samples every 50 ms%n",
				this.queueing.heap().baselineBytes() / MB, this.sending.heap().baselineBytes() / MB));
		out.append(String.format(Locale.ROOT,
				"message size as received: notifier %,d bytes, plain loop %,d bytes on average; set-up (not measured) "
						+ "%.0f s%n",
				this.notifierMessageBytes, this.plainMessageBytes, this.setupSeconds));
		out.append(String.format(Locale.ROOT,
				"checked: %,d digests queued = subscribers with a match, %,d items, "
						+ "every row SENT, the SMTP server received exactly %,d from each sender%n",
				this.queueing.count(), this.queueing.items(), this.sending.count()));
		out.append(statements("queueing", this.queueing));
		out.append(statements("sending", this.sending));
		return out.toString();
	}

	private static String statements(String name, DigestPhase phase) {
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

	private static String phaseRow(String name, DigestPhase phase, long items) {
		return String.format(Locale.ROOT, "%-22s %,9d %10s %9.1f %,10.0f %,15d %,17d %5d%n", name, phase.count(),
				(items >= 0) ? String.format(Locale.ROOT, "%,d", items) : "", phase.seconds(), phase.rate(),
				phase.heap().peakBytes() / MB, phase.heap().peakAfterGcBytes() / MB, phase.heap().collections());
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("subscribers", this.fixture.subscribers());
		json.put("all_categories", this.fixture.allCategories());
		json.put("categories", DigestFixture.CATEGORIES.size());
		json.put("articles", this.fixture.articles());
		json.put("connections", this.connections);
		json.put("messages_per_second", this.messagesPerSecond);
		json.put("database", this.database);
		json.put("overrides", this.overrides);
		json.put("sink", this.sink);
		json.put("cores", this.cores);
		json.put("max_heap_mb", this.queueing.heap().maxBytes() / MB);
		json.put("setup_seconds", round(this.setupSeconds));
		json.put("queueing", phase(this.queueing));
		json.put("sending", phase(this.sending));
		Map<String, Object> plain = new LinkedHashMap<>();
		plain.put("digests", this.sending.count());
		plain.put("seconds", round(this.plainSeconds));
		plain.put("digests_per_second", Math.round(plainRate()));
		json.put("plain", plain);
		json.put("ratio", Math.round(ratio() * 100) / 100.0);
		json.put("notifier_message_bytes", this.notifierMessageBytes);
		json.put("plain_message_bytes", this.plainMessageBytes);
		return json;
	}

	private static Map<String, Object> phase(DigestPhase phase) {
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

}
