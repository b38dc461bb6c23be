package org.syndication.notifier.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import jakarta.mail.MessagingException;
import org.syndication.events.ArticleEvent;
import org.syndication.notifier.benchmarks.PlainSmtpLoop.Recipient;
import org.syndication.notifier.mail.ArticleContent;
import org.syndication.notifier.mail.MailSettings;
import org.syndication.notifier.mail.MimeMail;
import org.syndication.testsupport.H2FileDatabase;
import org.syndication.testsupport.TraceParents;
import org.syndication.testsupport.TracedRounds;
import org.syndication.testsupport.ZipkinCollector;

import org.springframework.util.FileSystemUtils;

/**
 * Fan-out of one article to many confirmed subscribers, next to a plain Jakarta Mail loop
 * sending the same messages to the same SMTP server in the same run.
 * <p>
 * The notifier's time runs from handing the publication event's JSON to its topic binding
 * (as Kafka would) until the server has stored every alert and every delivery row is
 * {@code SENT}. The plain loop's runs from connecting until the server has stored every
 * message. Each round measures both, the notifier first, each from an empty server after
 * a garbage collection. A warm-up round to as many other subscribers comes first and is
 * not counted.
 * <p>
 * Unless {@code --no-tracing}, a second notifier runs beside the first, on a database of
 * its own, exporting every span (sampling 1.0) to a Zipkin collector in this process;
 * each event it is handed carries a sampled {@code traceparent}, as a traced publisher
 * writes it. It has its own warm-up round, and the measured rounds go to the two in turns
 * (untraced, traced, traced, untraced, …): the cost of tracing is the median traced rate
 * over the median untraced one.
 */
final class FanOutBenchmark {

	private final Options options;

	FanOutBenchmark(Options options) {
		this.options = options;
	}

	FanOutReport run() throws Exception {
		Path directory = Files.createTempDirectory("notifier-benchmark");
		String databaseUrl = database(directory, "db");
		String tracedDatabaseUrl = database(directory, "traced");
		List<String> tracedSettings = new ArrayList<>(this.options.overrides());
		try (MailSink sink = this.options.greenMail() ? GreenMailSink.start() : CountingSmtpSink.start();
				ZipkinCollector collector = new ZipkinCollector();
				RunningNotifier notifier = RunningNotifier.start(databaseUrl, sink, this.options.overrides());
				RunningNotifier traced = this.options.tracing()
						? RunningNotifier.start(tracedDatabaseUrl, sink, exportingTo(collector, tracedSettings))
						: null) {
			MailSettings settings = notifier.mailSettings();
			PlainSmtpLoop plain = new PlainSmtpLoop(sink, notifier.composer(),
					new MimeMail(settings, notifier.composer()), notifier.links());
			List<FanOutRound> rounds = new ArrayList<>();
			List<RunningNotifier> notifiers = (traced != null) ? List.of(notifier, traced) : List.of(notifier);
			List<Boolean> order = (traced != null) ? TracedRounds.order(this.options.rounds())
					: Collections.nCopies(this.options.rounds(), false);
			int warmUp = this.options.warmUpMessages();
			int total = order.size() + ((warmUp > 0) ? notifiers.size() : 0);
			int number = 0;
			if (warmUp > 0) {
				for (RunningNotifier warming : notifiers) {
					warming.addSubscribers("warm-up", warmUp);
					rounds.add(round(++number, total, true, warming == traced, warming, sink, plain,
							recipients("warm-up-plain", warmUp)));
					warming.retireSubscribers("warm-up");
				}
			}
			int count = this.options.subscribers();
			for (RunningNotifier measured : notifiers) {
				measured.addSubscribers("subscriber", count);
			}
			List<Recipient> plainRecipients = recipients("plain", count);
			for (boolean inTrace : order) {
				rounds.add(round(++number, total, false, inTrace, inTrace ? traced : notifier, sink, plain,
						plainRecipients));
			}
			long spans = 0;
			if (traced != null) {
				// At least its application, the queueing of its alerts and one send, for
				// every round the traced notifier ran; the last spans leave as it closes.
				traced.close();
				long tracedRounds = rounds.stream().filter(FanOutRound::traced).count();
				spans = TracedRounds.awaitSpans(collector, 3 * tracedRounds, Duration.ofSeconds(30));
			}
			ArticleContent content = BenchmarkArticles.content(BenchmarkArticles.published(0));
			long[] compose = plain.composeCost(content, plainRecipients.subList(0, Math.min(count, 2000)));
			return new FanOutReport(count, settings.connections(), settings.messagesPerSecond(),
					notifier.property("notifier.dispatch-interval"),
					this.options.inMemoryDatabase() ? "H2 in memory" : "H2 file", this.options.overrides(),
					sink.describe(), rounds, compose[0] / 1000.0, compose[1] / 1000.0, spans);
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	private String database(Path directory, String name) {
		return this.options.inMemoryDatabase() ? "jdbc:h2:mem:notifier-benchmark-" + name + ";DB_CLOSE_DELAY=-1"
				: H2FileDatabase.url(directory.resolve(name));
	}

	private static List<String> exportingTo(ZipkinCollector collector, List<String> settings) {
		settings.addAll(TracedRounds.exportingTo(collector));
		return settings;
	}

	private FanOutRound round(int number, int total, boolean warmUp, boolean traced, RunningNotifier notifier,
			MailSink sink, PlainSmtpLoop plain, List<Recipient> plainRecipients)
			throws InterruptedException, MessagingException {
		int count = plainRecipients.size();
		System.err.printf("  round %d of %d%s%s: %,d alerts, then %,d plain messages%n", number, total,
				warmUp ? " (warm-up, not counted)" : "", traced ? ", traced" : "", count, count);
		// Generous: even a sender stalled 40 ms per message needs only 400 s for 10,000.
		Duration patience = Duration.ofSeconds(Math.max(120, count / 10));
		ArticleEvent event = BenchmarkArticles.published(number);
		UUID articleId = event.article().id();
		System.gc();
		CountDownLatch stored = sink.expect(count);
		long start = System.nanoTime();
		notifier.apply(event, traced ? TraceParents.of(event.eventId()) : null);
		long queued = System.nanoTime();
		if (!MailSink.await(stored, patience)) {
			throw new IllegalStateException(
					"After " + patience.toSeconds() + " s the SMTP server has only " + (count - stored.getCount())
							+ " of " + count + " alerts; deliveries by status: " + notifier.deliveries(articleId));
		}
		long allStored = System.nanoTime();
		long deadline = allStored + Duration.ofSeconds(30).toNanos();
		while (notifier.sent(articleId) < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Every alert arrived, but not every delivery is marked SENT: "
						+ notifier.deliveries(articleId));
			}
			Thread.sleep(2);
		}
		long end = System.nanoTime();
		long notifierBytes = sink.averageSize();
		sink.purge();

		System.gc();
		Duration plainTime = plain.send(BenchmarkArticles.content(event), plainRecipients, patience);
		long plainBytes = sink.averageSize();
		sink.purge();
		FanOutRound round = new FanOutRound(warmUp, traced, count, seconds(end - start), seconds(queued - start),
				seconds(end - allStored), plainTime.toNanos() / 1e9, notifierBytes, plainBytes);
		System.err.printf("    notifier %,.0f emails/s, plain loop %,.0f emails/s%n", round.notifierRate(),
				round.plainRate());
		return round;
	}

	private static List<Recipient> recipients(String prefix, int count) {
		List<Recipient> recipients = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			recipients.add(new Recipient(UUID.randomUUID(), "%s-%05d@fanout.example".formatted(prefix, i)));
		}
		return recipients;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/**
	 * What to run.
	 *
	 * @param subscribers confirmed subscribers, and messages of the plain loop
	 * @param rounds measured rounds
	 * @param warmUpMessages subscribers, and plain messages, of the warm-up round; 0 for
	 * none
	 * @param inMemoryDatabase H2 in memory instead of in a file as the local stack runs
	 * it
	 * @param greenMail GreenMail as the SMTP server instead of the counting sink
	 * @param overrides notifier properties, {@code name=value}; none to measure the
	 * defaults
	 * @param tracing whether a traced notifier runs as many rounds beside the untraced
	 * one
	 */
	record Options(int subscribers, int rounds, int warmUpMessages, boolean inMemoryDatabase, boolean greenMail,
			List<String> overrides, boolean tracing) {

	}

}
