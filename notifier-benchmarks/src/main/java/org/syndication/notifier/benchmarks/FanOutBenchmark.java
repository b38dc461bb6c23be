package org.syndication.notifier.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import org.syndication.events.ArticleEvent;
import org.syndication.notifier.benchmarks.PlainSmtpLoop.Recipient;
import org.syndication.notifier.mail.ArticleContent;
import org.syndication.notifier.mail.MailSettings;
import org.syndication.notifier.mail.MimeMail;

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
 */
final class FanOutBenchmark {

	private final Options options;

	FanOutBenchmark(Options options) {
		this.options = options;
	}

	Report run() throws Exception {
		Path directory = Files.createTempDirectory("notifier-benchmark");
		String databaseUrl = this.options.inMemoryDatabase() ? "jdbc:h2:mem:notifier-benchmark;DB_CLOSE_DELAY=-1"
				: "jdbc:h2:file:" + directory.resolve("db").toAbsolutePath() + ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
		try (MailSink sink = this.options.greenMail() ? GreenMailSink.start() : CountingSmtpSink.start();
				RunningNotifier notifier = RunningNotifier.start(databaseUrl, sink, this.options.overrides())) {
			MailSettings settings = notifier.mailSettings();
			PlainSmtpLoop plain = new PlainSmtpLoop(sink, notifier.composer(),
					new MimeMail(settings, notifier.composer()), notifier.links());
			List<Round> rounds = new ArrayList<>();
			int warmUp = this.options.warmUpMessages();
			int total = this.options.rounds() + ((warmUp > 0) ? 1 : 0);
			int number = 0;
			if (warmUp > 0) {
				notifier.addSubscribers("warm-up", warmUp);
				rounds.add(round(++number, total, true, notifier, sink, plain, recipients("warm-up-plain", warmUp)));
				notifier.retireSubscribers("warm-up");
			}
			int count = this.options.subscribers();
			notifier.addSubscribers("subscriber", count);
			List<Recipient> plainRecipients = recipients("plain", count);
			while (number < total) {
				rounds.add(round(++number, total, false, notifier, sink, plain, plainRecipients));
			}
			ArticleContent content = BenchmarkArticles.content(BenchmarkArticles.published(0));
			long[] compose = plain.composeCost(content, plainRecipients.subList(0, Math.min(count, 2000)));
			return new Report(count, settings.connections(), settings.messagesPerSecond(),
					notifier.property("notifier.dispatch-interval"),
					this.options.inMemoryDatabase() ? "H2 in memory" : "H2 file", this.options.overrides(),
					sink.describe(), rounds, compose[0] / 1000.0, compose[1] / 1000.0);
		}
		finally {
			deleteRecursively(directory);
		}
	}

	private Round round(int number, int total, boolean warmUp, RunningNotifier notifier, MailSink sink,
			PlainSmtpLoop plain, List<Recipient> plainRecipients) throws InterruptedException, MessagingException {
		int count = plainRecipients.size();
		System.err.printf("  round %d of %d%s: %,d alerts, then %,d plain messages%n", number, total,
				warmUp ? " (warm-up, not counted)" : "", count, count);
		// Generous: even a sender stalled 40 ms per message needs only 400 s for 10,000.
		Duration patience = Duration.ofSeconds(Math.max(120, count / 10));
		ArticleEvent event = BenchmarkArticles.published(number);
		UUID articleId = event.article().id();
		System.gc();
		CountDownLatch stored = sink.expect(count);
		long start = System.nanoTime();
		notifier.apply(event);
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
		Round round = new Round(warmUp, count, seconds(end - start), seconds(queued - start), seconds(end - allStored),
				plainTime.toNanos() / 1e9, notifierBytes, plainBytes);
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

	static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
	 */
	record Options(int subscribers, int rounds, int warmUpMessages, boolean inMemoryDatabase, boolean greenMail,
			List<String> overrides) {

	}

	/**
	 * One round.
	 *
	 * @param warmUp not counted
	 * @param messages messages each sender sent
	 * @param notifierSeconds event handed over to the last alert stored and marked sent
	 * @param queueSeconds of which queueing the alerts (the topic binding's work)
	 * @param markLagSeconds of which the time from the last alert stored until every row
	 * was marked sent
	 * @param plainSeconds the plain loop, connect to the last message stored
	 * @param notifierMessageBytes the average size of the notifier's messages as stored
	 * @param plainMessageBytes the same for the plain loop
	 */
	record Round(boolean warmUp, int messages, double notifierSeconds, double queueSeconds, double markLagSeconds,
			double plainSeconds, long notifierMessageBytes, long plainMessageBytes) {

		double notifierRate() {
			return this.messages / this.notifierSeconds;
		}

		double plainRate() {
			return this.messages / this.plainSeconds;
		}

		double ratio() {
			return notifierRate() / plainRate();
		}

	}

	/**
	 * Everything measured, with the settings it was measured with.
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
	 */
	record Report(int subscribers, int connections, int messagesPerSecond, String dispatchInterval, String database,
			List<String> overrides, String sink, List<Round> rounds, double writeMicros, double mimeMicros) {

		List<Round> measured() {
			return this.rounds.stream().filter((round) -> !round.warmUp()).toList();
		}

		double medianNotifierRate() {
			return median(measured().stream().map(Round::notifierRate).toList());
		}

		double medianPlainRate() {
			return median(measured().stream().map(Round::plainRate).toList());
		}

		double medianRatio() {
			return median(measured().stream().map(Round::ratio).toList());
		}

		private static double median(List<Double> values) {
			List<Double> sorted = values.stream().sorted().toList();
			int middle = sorted.size() / 2;
			return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
		}

	}

}
