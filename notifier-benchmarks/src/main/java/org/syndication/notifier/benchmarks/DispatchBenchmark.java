package org.syndication.notifier.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.syndication.notifier.alert.AlertFanouts;
import org.syndication.events.ArticleEvent;

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

	private static final String POSTGRES_USER = System.getenv()
		.getOrDefault("SYNDICATION_BENCHMARK_POSTGRES_USER", "postgres");

	private static final String POSTGRES_PASSWORD = System.getenv()
		.getOrDefault("SYNDICATION_BENCHMARK_POSTGRES_PASSWORD", "");

	private final Options options;

	DispatchBenchmark(Options options) {
		this.options = options;
	}

	Report run() throws Exception {
		try (CountingSmtpSink sink = CountingSmtpSink.start(this.options.latency())) {
			if (this.options.warmUp() > 0) {
				System.err.printf("  warm-up, not counted:%n");
				run(1, this.options.warmUp(), sink);
			}
			Run one = run(1, this.options.alerts(), sink);
			Run two = run(2, this.options.alerts(), sink);
			return new Report(this.options, sink.describe(), one, two);
		}
	}

	private Run run(int instances, int count, CountingSmtpSink sink) throws Exception {
		System.err.printf("  %d instance(s): %,d alerts%n", instances, count);
		try (Database database = database()) {
			List<RunningNotifier> notifiers = new ArrayList<>();
			try {
				for (int i = 0; i < instances; i++) {
					notifiers.add(RunningNotifier.start(database.url(), sink, database.properties(this.options)));
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
					check(System.nanoTime() < queueing, () -> "the fan-out is still queueing after two minutes");
					Thread.sleep(10);
					fanouts.runAll();
				}
				JdbcTemplate jdbc = first.jdbc();
				check(count(jdbc, "SELECT COUNT(*) FROM mail_delivery WHERE status = 'PENDING'") == count,
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
					check(System.nanoTime() < deadline,
							() -> "Every alert arrived, but not every delivery is marked SENT: "
									+ first.deliveries(article));
					Thread.sleep(2);
				}
				long end = System.nanoTime();
				// A mail sent twice would arrive after the last row was marked: give it a
				// moment.
				Thread.sleep(1000);
				check(sink.received() == count,
						() -> "the SMTP server received " + sink.received() + " alerts, not " + count);
				check(first.deliveries(article).equals(Map.of("SENT", (long) count)),
						() -> "deliveries by status: " + first.deliveries(article));
				Map<String, Long> byInstance = new LinkedHashMap<>();
				jdbc.query("SELECT claimed_by, COUNT(*) FROM mail_delivery WHERE status = 'SENT' "
						+ "GROUP BY claimed_by ORDER BY 2 DESC", (rs) -> {
							byInstance.put(rs.getString(1), rs.getLong(2));
						});
				check(byInstance.size() == instances,
						() -> "sent by " + byInstance.size() + " instances, not " + instances);
				Run run = new Run(instances, count, (end - start) / 1e9, List.copyOf(byInstance.values()),
						first.mailSettings().connections(), first.mailSettings().messagesPerSecond());
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

	private Database database() throws Exception {
		if (this.options.postgresUrl() != null) {
			return Postgres.create(this.options.postgresUrl());
		}
		return H2File.create();
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * @param message made only when the condition fails: a check in a waiting loop must
	 * not query what it waits for on every pass
	 */
	private static void check(boolean condition, Supplier<String> message) {
		if (!condition) {
			throw new IllegalStateException(message.get());
		}
	}

	/** A fresh database for one run, removed after it. */
	private interface Database extends AutoCloseable {

		String url();

		/** Properties for each instance, the benchmark's overrides last. */
		default List<String> properties(Options options) {
			return options.overrides();
		}

		@Override
		void close() throws Exception;

	}

	/**
	 * An H2 file database, as the local stack runs the notifier; both instances of this
	 * process open the same file, and H2 serves them as one embedded database.
	 */
	private record H2File(Path directory) implements Database {

		static H2File create() throws Exception {
			return new H2File(Files.createTempDirectory("notifier-dispatch-benchmark"));
		}

		@Override
		public String url() {
			return "jdbc:h2:file:" + this.directory.resolve("db").toAbsolutePath() + ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
		}

		@Override
		public void close() {
			FanOutBenchmark.deleteRecursively(this.directory);
		}

	}

	/** A schema of its own in a PostgreSQL database, dropped after the run. */
	private record Postgres(String baseUrl, String schema) implements Database {

		static Postgres create(String baseUrl) throws SQLException {
			String schema = "dispatch_benchmark_" + UUID.randomUUID().toString().substring(0, 8);
			execute(baseUrl, "CREATE SCHEMA " + schema);
			return new Postgres(baseUrl, schema);
		}

		@Override
		public String url() {
			return this.baseUrl + (this.baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + this.schema;
		}

		@Override
		public List<String> properties(Options options) {
			List<String> properties = new ArrayList<>();
			properties.add("spring.datasource.username=" + POSTGRES_USER);
			properties.add("spring.datasource.password=" + POSTGRES_PASSWORD);
			properties.add("spring.flyway.schemas=" + this.schema);
			properties.addAll(options.overrides());
			return properties;
		}

		@Override
		public void close() throws SQLException {
			execute(this.baseUrl, "DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		}

		private static void execute(String url, String sql) throws SQLException {
			try (Connection connection = DriverManager.getConnection(url, POSTGRES_USER, POSTGRES_PASSWORD);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}

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

	/**
	 * One run.
	 *
	 * @param instances notifier instances sending
	 * @param alerts alerts sent
	 * @param seconds from starting the schedules until every alert was at the server and
	 * marked sent
	 * @param shares the alerts each instance sent, most first
	 * @param connections each instance's SMTP connections
	 * @param messagesPerSecond each instance's rate limit
	 */
	record Run(int instances, int alerts, double seconds, List<Long> shares, int connections, int messagesPerSecond) {

		double rate() {
			return this.alerts / this.seconds;
		}

	}

	/**
	 * Both runs, with what they ran on.
	 *
	 * @param options the options
	 * @param sink the SMTP server
	 * @param one one instance
	 * @param two two instances
	 */
	record Report(Options options, String sink, Run one, Run two) {

		double ratio() {
			return this.two.rate() / this.one.rate();
		}

		String table() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT,
					"%nDispatch scale-out: %,d queued alerts, sent by one notifier instance, then by two sharing "
							+ "one %s database%n",
					this.options.alerts(), this.options.database()));
			out.append(String.format(Locale.ROOT,
					"  each instance: %d SMTP connections, %,d messages/s at most (a limit per instance)%s%n",
					this.one.connections(), this.one.messagesPerSecond(), this.options.overrides().isEmpty()
							? " (its defaults)" : "; set: " + String.join(", ", this.options.overrides())));
			out.append(String.format(Locale.ROOT, "  SMTP server: %s%n%n", this.sink));
			out.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s  %s%n", "instances", "alerts", "seconds",
					"mails/s", "sent by each"));
			for (Run run : List.of(this.one, this.two)) {
				out.append(String.format(Locale.ROOT, "%-10d %,9d %9.1f %,9.0f  %s%n", run.instances(), run.alerts(),
						run.seconds(), run.rate(), run.shares()));
			}
			out.append(String.format(Locale.ROOT, "%ntwo instances / one: %.2f%n", ratio()));
			out.append(String.format(Locale.ROOT,
					"checked: every delivery SENT once, the SMTP server received exactly %,d in each run, "
							+ "each instance of the second run sent a share%n",
					this.options.alerts()));
			return out.toString();
		}

	}

}
