package org.syndication.notifier.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.syndication.testsupport.TracedRounds;

/**
 * Everything the fan-out benchmark measured, with the settings it was measured with, as
 * the table it prints and the JSON it writes.
 *
 * @param subscribers the fan-out
 * @param connections the notifier's SMTP connections
 * @param messagesPerSecond the notifier's rate limit
 * @param dispatchInterval how often the notifier looks for due mail
 * @param database the notifier's database
 * @param overrides notifier properties set for this run
 * @param sink the SMTP server
 * @param rounds every round, warm-up first
 * @param writeMicros composing one alert ({@code MailComposer.alert}), one thread
 * @param mimeMicros making its MIME message, one thread
 * @param spans the spans the traced notifier exported, 0 without one
 */
record FanOutReport(int subscribers, int connections, int messagesPerSecond, String dispatchInterval, String database,
		List<String> overrides, String sink, List<FanOutRound> rounds, double writeMicros, double mimeMicros,
		long spans) {

	/** The rounds measured without tracing. */
	List<FanOutRound> measured() {
		return measured(false);
	}

	List<FanOutRound> measured(boolean traced) {
		return this.rounds.stream().filter((round) -> !round.warmUp() && round.traced() == traced).toList();
	}

	boolean traced() {
		return !measured(true).isEmpty();
	}

	double tracedMedianNotifierRate() {
		return TracedRounds.median(measured(true).stream().map(FanOutRound::notifierRate).toList());
	}

	/** The median traced rate over the median untraced one. */
	double tracedRatio() {
		return tracedMedianNotifierRate() / medianNotifierRate();
	}

	double medianNotifierRate() {
		return TracedRounds.median(measured().stream().map(FanOutRound::notifierRate).toList());
	}

	double medianPlainRate() {
		return TracedRounds.median(measured().stream().map(FanOutRound::plainRate).toList());
	}

	double medianRatio() {
		return TracedRounds.median(measured().stream().map(FanOutRound::ratio).toList());
	}

	String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%nFan-out of one article to %,d confirmed subscribers%n",
				this.subscribers));
		out.append(String.format(Locale.ROOT,
				"  notifier: %d SMTP connections, %,d messages/s, dispatch every %s, %s database%s%n", this.connections,
				this.messagesPerSecond, this.dispatchInterval, this.database,
				this.overrides.isEmpty() ? " (its defaults)" : "; set: " + String.join(", ", this.overrides)));
		out.append(String.format(Locale.ROOT,
				"  plain loop: one Jakarta Mail Transport, connected once, sendMessage %,d times, TCP_NODELAY as the notifier%n",
				this.subscribers));
		out.append(String.format(Locale.ROOT, "  SMTP server: %s%n%n", this.sink));
		out.append(String.format(Locale.ROOT, "%-14s %18s %20s %15s %11s %13s %8s%n", "round", "notifier emails/s",
				"plain loop emails/s", "notifier/plain", "notifier s", "(queueing s)", "plain s"));
		int number = 0;
		for (FanOutRound round : this.rounds) {
			String name = (round.warmUp() ? String.format(Locale.ROOT, "warm-up %,d", round.messages())
					: String.valueOf(++number)) + (round.traced() ? " traced" : "");
			out.append(String.format(Locale.ROOT, "%-14s %,18.0f %,20.0f %15.2f %11.2f %13.2f %8.2f%n", name,
					round.notifierRate(), round.plainRate(), round.ratio(), round.notifierSeconds(),
					round.queueSeconds(), round.plainSeconds()));
		}
		out.append(String.format(Locale.ROOT, "%-14s %,18.0f %,20.0f %15.2f%n", "median", this.medianNotifierRate(),
				this.medianPlainRate(), this.medianRatio()));
		if (this.traced()) {
			out.append(String.format(Locale.ROOT, "%-14s %,18.0f%n", "median traced", this.tracedMedianNotifierRate()));
		}
		out.append(String.format(Locale.ROOT, "%n"));
		FanOutRound last = this.rounds.get(this.rounds.size() - 1);
		out.append(String.format(Locale.ROOT, "message size as stored: notifier %,d bytes, plain loop %,d bytes%n",
				last.notifierMessageBytes(), last.plainMessageBytes()));
		out.append(String.format(Locale.ROOT,
				"composing on one thread: MailComposer.alert %.0f µs/mail, its MIME message %.0f µs/mail%n",
				this.writeMicros, this.mimeMicros));
		out.append(String.format(Locale.ROOT,
				"targets: notifier ≥ 1,000 emails/s %s (%,.0f); notifier/plain ≥ 0.7 %s (%.2f)%n",
				(this.medianNotifierRate() >= 1000) ? "met" : "MISSED", this.medianNotifierRate(),
				(this.medianRatio() >= 0.7) ? "met" : "MISSED", this.medianRatio()));
		if (this.traced()) {
			out.append(String.format(Locale.ROOT,
					"tracing: the traced rounds' notifier exported every span (sampling 1.0), %,d in all, to a Zipkin "
							+ "collector in this JVM; traced / untraced %.3f (medians %,.0f and %,.0f emails/s); "
							+ "target ≥ 0.9 %s%n",
					this.spans, this.tracedRatio(), this.tracedMedianNotifierRate(), this.medianNotifierRate(),
					(this.tracedRatio() >= 0.9) ? "met" : "MISSED"));
		}
		return out.toString();
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("subscribers", this.subscribers);
		json.put("connections", this.connections);
		json.put("messages_per_second", this.messagesPerSecond);
		json.put("dispatch_interval", this.dispatchInterval);
		json.put("database", this.database);
		json.put("overrides", this.overrides);
		json.put("sink", this.sink);
		List<Map<String, Object>> rounds = new ArrayList<>();
		for (FanOutRound round : this.rounds) {
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
		median.put("notifier_emails_per_second", Math.round(this.medianNotifierRate()));
		median.put("plain_emails_per_second", Math.round(this.medianPlainRate()));
		median.put("ratio", Math.round(this.medianRatio() * 100) / 100.0);
		json.put("median", median);
		if (this.traced()) {
			Map<String, Object> tracing = new LinkedHashMap<>();
			tracing.put("traced_emails_per_second", Math.round(this.tracedMedianNotifierRate()));
			tracing.put("untraced_emails_per_second", Math.round(this.medianNotifierRate()));
			tracing.put("ratio", Math.round(this.tracedRatio() * 1000) / 1000.0);
			tracing.put("spans", this.spans);
			json.put("tracing", tracing);
		}
		json.put("compose_alert_micros", Math.round(this.writeMicros));
		json.put("compose_mime_micros", Math.round(this.mimeMicros));
		return json;
	}

}
