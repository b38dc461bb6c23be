package org.syndication.notifier.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.syndication.events.ArticleEvent;

/**
 * Queueing the alerts of one article for very many confirmed subscribers, all taking
 * every category: the time and heap of the topic binding's work for that one publication
 * (the one {@code INSERT ... SELECT} in its transaction), without sending. The
 * subscribers are written straight into the tables first; the dispatcher is held (it
 * looks for due mail once at start-up, then only after an hour), so nothing is sent.
 */
final class FanOutQueueBenchmark {

	private static final int MB = 1024 * 1024;

	private FanOutQueueBenchmark() {
	}

	/** The {@code fanout-queue} command: {@code args[0]} is its name. */
	static void main(String[] args) throws Exception {
		int subscribers = 1_000_000;
		List<String> overrides = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			switch (args[i]) {
				case "--subscribers" -> subscribers = NotifierBenchmark.number(args, ++i, 1, 5_000_000);
				case "--set" -> overrides.add(NotifierBenchmark.property(args, ++i));
				default -> NotifierBenchmark.fail("unknown option " + args[i]);
			}
		}
		List<String> settings = new ArrayList<>();
		settings.add("notifier.dispatch-interval=1h");
		settings.addAll(overrides);
		Path directory = Files.createTempDirectory("notifier-fanout-queue");
		String databaseUrl = "jdbc:h2:file:" + directory.resolve("db").toAbsolutePath()
				+ ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
		try (MailSink sink = CountingSmtpSink.start();
				RunningNotifier notifier = RunningNotifier.start(databaseUrl, sink, settings)) {
			System.err.printf("  writing %,d subscribers%n", subscribers);
			long written = System.nanoTime();
			notifier.addSubscribers("queue", subscribers);
			System.err.printf("    %.0f s%n", (System.nanoTime() - written) / 1e9);
			ArticleEvent event = BenchmarkArticles.published(1);
			System.err.println("  queueing");
			HeapWatch heap = HeapWatch.start(Duration.ofMillis(50));
			long start = System.nanoTime();
			notifier.apply(event);
			double seconds = (System.nanoTime() - start) / 1e9;
			HeapWatch.Peak peak = heap.stop();
			Map<String, Long> queued = notifier.deliveries(event.article().id());
			if (!queued.equals(Map.of("PENDING", (long) subscribers))) {
				throw new IllegalStateException("Expected " + subscribers + " pending alerts, found " + queued);
			}
			System.out.printf(Locale.ROOT, "%nQueueing one article's alerts for %,d confirmed subscribers (H2 file)%n",
					subscribers);
			System.out.printf(Locale.ROOT, "  %,d alerts in %.1f s: %,.0f alerts/s, in one transaction%n", subscribers,
					seconds, subscribers / seconds);
			System.out.printf(Locale.ROOT,
					"  heap: %,d MB after a GC before, peak %,d MB (sampled every 50 ms), peak after a GC %,d MB, "
							+ "%d GCs, max %,d MB%n",
					peak.baselineBytes() / MB, peak.peakBytes() / MB, peak.peakAfterGcBytes() / MB, peak.collections(),
					peak.maxBytes() / MB);
		}
		finally {
			FanOutBenchmark.deleteRecursively(directory);
		}
	}

}
