package org.syndication.notifier.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.syndication.events.ArticleEvent;
import org.syndication.notifier.alert.AlertFanouts;
import org.syndication.testsupport.BenchmarkOptions;
import org.syndication.testsupport.H2FileDatabase;

import org.springframework.util.FileSystemUtils;

/**
 * Queueing the alerts of one article for very many confirmed subscribers, all taking
 * every category, without sending: the topic binding's transaction that records the
 * publication, then the fan-out's chunks ({@link AlertFanouts#runChunk()}, each an
 * {@code INSERT ... SELECT} over a range of subscribers in a transaction of its own),
 * timed one by one, with the heap watched throughout. The subscribers are written
 * straight into the tables first; the dispatcher and the fan-out's own schedule are held
 * (they look once at start-up, then only after an hour), so the benchmark runs the chunks
 * and nothing is sent.
 */
final class FanOutQueueBenchmark {

	private static final int MB = 1024 * 1024;

	private FanOutQueueBenchmark() {
	}

	/** The {@code fanout-queue} command. */
	static void main(BenchmarkOptions options) throws Exception {
		int subscribers = 1_000_000;
		List<String> overrides = new ArrayList<>();
		while (options.hasNext()) {
			String option = options.next();
			switch (option) {
				case "--subscribers" -> subscribers = options.number(1, 5_000_000);
				case "--set" -> overrides.add(options.property());
				default -> options.fail("unknown option " + option);
			}
		}
		List<String> settings = new ArrayList<>();
		settings.add("notifier.dispatch-interval=1h");
		settings.add("notifier.fanout.interval=1h");
		settings.addAll(overrides);
		Path directory = Files.createTempDirectory("notifier-fanout-queue");
		String databaseUrl = H2FileDatabase.url(directory.resolve("db"));
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
			double recorded = (System.nanoTime() - start) / 1e9;
			AlertFanouts fanouts = notifier.bean(AlertFanouts.class);
			int chunks = 0;
			double firstChunk = 0;
			double longestChunk = 0;
			while (true) {
				long chunkStart = System.nanoTime();
				Optional<Integer> chunk = fanouts.runChunk();
				if (chunk.isEmpty()) {
					break;
				}
				double chunkSeconds = (System.nanoTime() - chunkStart) / 1e9;
				if (chunks == 0) {
					firstChunk = (System.nanoTime() - start) / 1e9;
				}
				chunks++;
				longestChunk = Math.max(longestChunk, chunkSeconds);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			HeapWatch.Peak peak = heap.stop();
			Map<String, Long> queued = notifier.deliveries(event.article().id());
			if (!queued.equals(Map.of("PENDING", (long) subscribers))) {
				throw new IllegalStateException("Expected " + subscribers + " pending alerts, found " + queued);
			}
			System.out.printf(Locale.ROOT, "%nQueueing one article's alerts for %,d confirmed subscribers (H2 file)%n",
					subscribers);
			System.out.printf(Locale.ROOT, "  %,d alerts in %.1f s: %,.0f alerts/s%n", subscribers, seconds,
					subscribers / seconds);
			System.out.printf(Locale.ROOT,
					"  the publication recorded in %.3f s (the consumer's transaction); then %,d chunks of %s "
							+ "subscribers, each its own transaction: the longest %.2f s; the first chunk's alerts "
							+ "ready to send %.2f s after the event%n",
					recorded, chunks, notifier.property("notifier.fanout.chunk-size"), longestChunk, firstChunk);
			System.out.printf(Locale.ROOT,
					"  heap: %,d MB after a GC before, peak %,d MB (sampled every 50 ms), peak after a GC %,d MB, "
							+ "%d GCs, max %,d MB%n",
					peak.baselineBytes() / MB, peak.peakBytes() / MB, peak.peakAfterGcBytes() / MB, peak.collections(),
					peak.maxBytes() / MB);
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

}
