package org.syndication.notifier.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.syndication.events.ArticleEvent;
import org.syndication.notifier.alert.AlertFanouts;
import org.syndication.testsupport.Checks;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sending scaled out: the same queue of alerts sent by one notifier instance, and then,
 * from a fresh database, by two instances sharing one database, all in this process.
 * <p>
 * The SMTP server takes a while over each message, as a relay does, and serves
 * connections concurrently, so one instance is bound by its own SMTP connections: a
 * second instance, with connections of its own, should send about twice as fast. Each run
 * queues the alerts with the dispatch schedules paused (one article to that many
 * confirmed subscribers, through the topic binding's function), then starts the schedules
 * together and times until the server has every alert and every delivery row is
 * {@code SENT}. Every count is checked: a mail sent twice or not at all fails the
 * benchmark.
 */
final class DispatchBenchmark {

	private final Options options;

	DispatchBenchmark(Options options) {
		this.options = options;
	}

	DispatchReport run() throws Exception {
		try (CountingSmtpSink sink = CountingSmtpSink.start(this.options.latency())) {
			if (this.options.warmUp() > 0) {
				System.err.printf("  warm-up, not counted:%n");
				run(1, this.options.warmUp(), sink);
			}
			DispatchRun one = run(1, this.options.alerts(), sink);
			DispatchRun two = run(2, this.options.alerts(), sink);
			return new DispatchReport(this.options, sink.describe(), one, two);
		}
	}

	private DispatchRun run(int instances, int count, CountingSmtpSink sink) throws Exception {
		System.err.printf("  %d instance(s): %,d alerts%n", instances, count);
		try (DispatchDatabase database = DispatchDatabase.create(this.options.postgresUrl())) {
			List<RunningNotifier> notifiers = new ArrayList<>();
			try {
				for (int i = 0; i < instances; i++) {
					notifiers.add(
							RunningNotifier.start(database.url(), sink, database.properties(this.options.overrides())));
				}
				RunningNotifier first = notifiers.get(0);
				List<Runnable> schedules = notifiers.stream().map(RunningNotifier::pauseDispatch).toList();
				first.addSubscribers("subscriber", count);
				ArticleEvent event = BenchmarkArticles.published(instances);
				UUID article = event.article().id();
				first.apply(event);
				// The consumer's transaction starts the fan-out; its chunks queue the
				// alerts afterwards, here and on the instances' fan-out schedules (a
				// chunk one of them holds is skipped here): all of them, before the
				// dispatch schedules start.
				AlertFanouts fanouts = first.bean(AlertFanouts.class);
				long queueing = System.nanoTime() + Duration.ofMinutes(2).toNanos();
				fanouts.runAll();
				while (fanouts.pending() > 0) {
					Checks.check(System.nanoTime() < queueing, () -> "the fan-out is still queueing after two minutes");
					Thread.sleep(10);
					fanouts.runAll();
				}
				JdbcTemplate jdbc = first.jdbc();
				Checks.check(count(jdbc, "SELECT COUNT(*) FROM mail_delivery WHERE status = 'PENDING'") == count,
						() -> "not every alert was queued: " + first.deliveries(article));

				sink.purge();
				System.gc();
				Duration patience = Duration.ofSeconds(Math.max(120, count / 10));
				CountDownLatch stored = sink.expect(count);
				long start = System.nanoTime();
				schedules.forEach(Runnable::run);
				if (!MailSink.await(stored, patience)) {
					throw new IllegalStateException("After " + patience.toSeconds() + " s the SMTP server has only "
							+ (count - stored.getCount()) + " of " + count + " alerts; deliveries by status: "
							+ first.deliveries(article));
				}
				long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (first.sent(article) < count) {
					Checks.check(System.nanoTime() < deadline,
							() -> "Every alert arrived, but not every delivery is marked SENT: "
									+ first.deliveries(article));
					Thread.sleep(2);
				}
				long end = System.nanoTime();
				// A mail sent twice would arrive after the last row was marked: give it a
				// moment.
				Thread.sleep(1000);
				Checks.check(sink.received() == count,
						() -> "the SMTP server received " + sink.received() + " alerts, not " + count);
				Checks.check(first.deliveries(article).equals(Map.of("SENT", (long) count)),
						() -> "deliveries by status: " + first.deliveries(article));
				Map<String, Long> byInstance = new LinkedHashMap<>();
				jdbc.query("SELECT claimed_by, COUNT(*) FROM mail_delivery WHERE status = 'SENT' "
						+ "GROUP BY claimed_by ORDER BY 2 DESC", (rs) -> {
							byInstance.put(rs.getString(1), rs.getLong(2));
						});
				Checks.check(byInstance.size() == instances,
						() -> "sent by " + byInstance.size() + " instances, not " + instances);
				DispatchRun run = new DispatchRun(instances, count, (end - start) / 1e9,
						List.copyOf(byInstance.values()), first.mailSettings().connections(),
						first.mailSettings().messagesPerSecond());
				System.err.printf("    %,.0f mails/s, shares %s%n", run.rate(), run.shares());
				return run;
			}
			finally {
				for (RunningNotifier notifier : notifiers) {
					notifier.close();
				}
			}
		}
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * What to run.
	 *
	 * @param alerts the queue: alerts to that many confirmed subscribers
	 * @param warmUp alerts of a first run with one instance, not counted; 0 for none
	 * @param latency how long the SMTP server takes over each message
	 * @param postgresUrl a PostgreSQL JDBC URL, or {@code null} for an H2 file
	 * @param overrides notifier properties, {@code name=value}; none to measure the
	 * defaults
	 */
	record Options(int alerts, int warmUp, Duration latency, String postgresUrl, List<String> overrides) {

		String database() {
			return (this.postgresUrl != null) ? "PostgreSQL" : "H2 file";
		}

	}

}
