package org.syndication.notifier.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.benchmarks.DigestFixture.Expected;
import org.syndication.notifier.benchmarks.HeapWatch.Peak;
import org.syndication.notifier.benchmarks.PlainSmtpLoop.Digest;
import org.syndication.notifier.benchmarks.StatementTimes.Statement;
import org.syndication.notifier.digest.DigestRuns;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.mail.MimeMail;
import org.syndication.testsupport.H2FileDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * A daily digest run to many subscribers, next to a plain Jakarta Mail loop sending the
 * same digests to the same SMTP server in the same run.
 * <p>
 * Two phases of the notifier are timed apart. Queueing: the operator's run,
 * {@code DigestRuns.runNow(DAILY)}, which queues a digest and its items for every
 * subscriber with something new. Sending: from the end of queueing until the server has
 * every digest and every digest's delivery row is {@code SENT}. To keep the phases apart
 * the benchmark pauses the dispatcher's schedule while the digests are queued; in
 * production the dispatcher starts on the first chunk of a run as soon as it is
 * committed. The heap is watched in each phase from a garbage collection at its start.
 * Every count is checked: a run that queues or sends a digest too many or too few fails
 * the benchmark.
 */
final class DigestBenchmark {

	private static final long SEED = 20261130L;

	private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(50);

	private static final int STATEMENTS = 8;

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

	private final Options options;

	DigestBenchmark(Options options) {
		this.options = options;
	}

	DigestReport run() throws Exception {
		Path directory = Files.createTempDirectory("notifier-digest-benchmark");
		String databaseUrl = this.options.inMemoryDatabase() ? "jdbc:h2:mem:notifier-digest-benchmark;DB_CLOSE_DELAY=-1"
				: H2FileDatabase.url(directory.resolve("db"));
		// The scheduled digest check runs once at start-up, on the empty database, and
		// then not again during the benchmark: only the operator's run queues digests.
		List<String> overrides = new ArrayList<>();
		overrides.add("notifier.digest.check-interval=24h");
		overrides.addAll(this.options.overrides());
		try (MailSink sink = this.options.greenMail() ? GreenMailSink.start() : CountingSmtpSink.start();
				RunningNotifier notifier = RunningNotifier.start(databaseUrl, sink, overrides)) {
			JdbcTemplate jdbc = notifier.jdbc();
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			long setupStart = System.nanoTime();
			Expected expected = new DigestFixture(jdbc, SEED).write(this.options.subscribers(), this.options.articles(),
					now);
			double setupSeconds = seconds(System.nanoTime() - setupStart);
			System.err.printf(
					"  set up in %.1f s: %,d daily subscribers (%,d to every category), %d articles; %,d digests "
							+ "with %,d items to queue%n",
					setupSeconds, expected.subscribers(), expected.allCategories(), expected.articles(),
					expected.digests(), expected.items());
			check(count(jdbc, "SELECT COUNT(*) FROM mail_delivery") == 0,
					"mail was queued before the run: " + count(jdbc, "SELECT COUNT(*) FROM mail_delivery"));

			Runnable dispatch = notifier.pauseDispatch();
			DigestPhase queueing = queue(notifier, jdbc, expected, now);
			DigestPhase sending = send(sink, jdbc, dispatch, queueing.count());
			long notifierBytes = sink.averageSize();
			sink.purge();

			NotifierProperties properties = notifier.bean(NotifierProperties.class);
			List<Digest> digests = DigestTables.queuedDigests(jdbc);
			check(digests.size() == queueing.count(),
					"the plain loop has " + digests.size() + " digests, not " + queueing.count());
			PlainSmtpLoop plain = new PlainSmtpLoop(sink, notifier.composer(),
					new MimeMail(notifier.mailSettings(), notifier.composer()), notifier.links());
			System.gc();
			System.err.printf("  plain loop: %,d digests%n", digests.size());
			Duration plainTime = plain.sendDigests(properties.publicationName(), Frequency.DAILY.value(), digests,
					patience(digests.size()));
			check(sink.received() == digests.size(),
					"the SMTP server has " + sink.received() + " messages of the plain loop, not " + digests.size());
			long plainBytes = sink.averageSize();
			sink.purge();
			return new DigestReport(expected, setupSeconds, queueing, sending, plainTime.toNanos() / 1e9, notifierBytes,
					plainBytes, notifier.mailSettings().connections(), notifier.mailSettings().messagesPerSecond(),
					this.options.inMemoryDatabase() ? "H2 in memory" : "H2 file", this.options.overrides(),
					sink.describe(), Runtime.getRuntime().availableProcessors());
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	private DigestPhase queue(RunningNotifier notifier, JdbcTemplate jdbc, Expected expected, Instant setUpAt) {
		System.err.printf("  queueing: DigestRuns.runNow(DAILY) for %,d subscribers%n", expected.subscribers());
		DigestRuns runs = notifier.bean(DigestRuns.class);
		Progress progress = Progress.every(PROGRESS_INTERVAL, "digest-progress",
				() -> System.err.printf("    %,d digests queued so far%n",
						count(jdbc, "SELECT COUNT(*) FROM mail_delivery WHERE kind = 'DIGEST'")));
		StatementTimes statements = this.options.statementTimes() ? StatementTimes.start(jdbc) : null;
		HeapWatch heap = HeapWatch.start(SAMPLE_INTERVAL);
		long start = System.nanoTime();
		Optional<Integer> queued;
		try {
			queued = runs.runNow(Frequency.DAILY);
		}
		finally {
			progress.stop();
		}
		long end = System.nanoTime();
		Peak peak = heap.stop();
		List<Statement> times = (statements != null) ? statements.stop(STATEMENTS) : List.of();
		check(queued.isPresent(), "the digest run found its lock taken");
		int count = queued.get();
		System.err.printf("    %,d digests queued in %.1f s%n", count, seconds(end - start));
		check(count == expected.digests(),
				"runNow queued " + count + " digests; " + expected.digests() + " subscribers have a match");
		long rows = count(jdbc, "SELECT COUNT(*) FROM mail_delivery WHERE kind = 'DIGEST' AND status = 'PENDING'");
		check(rows == count, rows + " pending digest rows for " + count + " digests queued");
		long subscribers = count(jdbc, "SELECT COUNT(DISTINCT subscriber_id) FROM mail_delivery WHERE kind = 'DIGEST'");
		check(subscribers == count, "digests for " + subscribers + " subscribers, not " + count);
		long items = count(jdbc, "SELECT COUNT(*) FROM digest_item");
		check(items == expected.items(), items + " digest items queued, " + expected.items() + " expected");
		long behind = count(jdbc, "SELECT COUNT(*) FROM subscriber WHERE frequency = 'daily' AND digest_since < ?",
				setUpAt.atOffset(ZoneOffset.UTC));
		check(behind == 0, behind + " subscribers' digest windows were not moved on");
		return new DigestPhase(count, items, seconds(end - start), peak, times);
	}

	private DigestPhase send(MailSink sink, JdbcTemplate jdbc, Runnable dispatch, int count)
			throws InterruptedException {
		System.err.printf("  sending: %,d digests%n", count);
		Duration patience = patience(count);
		CountDownLatch stored = sink.expect(count);
		StatementTimes statements = this.options.statementTimes() ? StatementTimes.start(jdbc) : null;
		HeapWatch heap = HeapWatch.start(SAMPLE_INTERVAL);
		long start = System.nanoTime();
		dispatch.run();
		long deadline = start + patience.toNanos();
		while (!stored.await(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
			System.err.printf("    %,d of %,d digests at the SMTP server%n", count - stored.getCount(), count);
			if (System.nanoTime() > deadline) {
				heap.close();
				throw new IllegalStateException(
						"After " + patience.toSeconds() + " s the SMTP server has only " + (count - stored.getCount())
								+ " of " + count + " digests; digest rows by status: " + DigestTables.byStatus(jdbc));
			}
		}
		long markDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (count(jdbc, "SELECT COUNT(*) FROM mail_delivery WHERE kind = 'DIGEST' AND status = 'SENT'") < count) {
			if (System.nanoTime() > markDeadline) {
				heap.close();
				throw new IllegalStateException(
						"Every digest arrived, but not every row is marked SENT: " + DigestTables.byStatus(jdbc));
			}
			Thread.sleep(10);
		}
		long end = System.nanoTime();
		Peak peak = heap.stop();
		List<Statement> times = (statements != null) ? statements.stop(STATEMENTS) : List.of();
		// A mail sent twice would arrive after the last row was marked: give it a moment.
		Thread.sleep(1000);
		check(sink.received() == count, "the SMTP server received " + sink.received() + " digests, not " + count);
		Map<String, Long> statuses = DigestTables.byStatus(jdbc);
		check(statuses.equals(Map.of("SENT", (long) count)), "digest rows by status: " + statuses);
		System.err.printf("    %,d digests sent in %.1f s%n", count, seconds(end - start));
		return new DigestPhase(count, 0, seconds(end - start), peak, times);
	}

	private static long count(JdbcTemplate jdbc, String sql, Object... args) {
		Long count = jdbc.queryForObject(sql, Long.class, args);
		return (count != null) ? count : 0;
	}

	/**
	 * Generous: even a sender stalled 10 ms per digest needs only 1,000 s for 100,000.
	 */
	private static Duration patience(int count) {
		return Duration.ofSeconds(Math.max(120, count / 100));
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException("Digest benchmark: " + message);
		}
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/**
	 * What to run.
	 *
	 * @param subscribers confirmed daily subscribers
	 * @param articles articles received since their digest window opened
	 * @param inMemoryDatabase H2 in memory instead of in a file as the local stack runs
	 * it
	 * @param greenMail GreenMail as the SMTP server instead of the counting sink
	 * @param overrides notifier properties, {@code name=value}
	 * @param statementTimes whether to collect the time of each SQL statement in each
	 * phase (H2's query statistics, which cost a little themselves)
	 */
	record Options(int subscribers, int articles, boolean inMemoryDatabase, boolean greenMail, List<String> overrides,
			boolean statementTimes) {

	}

}
