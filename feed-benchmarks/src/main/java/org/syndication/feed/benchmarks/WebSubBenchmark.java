package org.syndication.feed.benchmarks;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.testsupport.BenchmarkOptions;
import org.syndication.testsupport.Checks;
import org.syndication.testsupport.H2FileDatabase;
import org.syndication.testsupport.TopicWriter;
import org.syndication.testsupport.WebSubSubscriber;

import org.springframework.util.FileSystemUtils;

/**
 * How soon a change reaches a WebSub subscriber, and how fast the hub pushes one change
 * to many subscribers, each next to a baseline measured in the same run on the same
 * machine:
 * <ul>
 * <li>latency: from the moment a change is sent to Kafka until a subscriber has the
 * pushed feed, with a valid signature, one change after another; the baseline is the same
 * change seen by a reader that polls the feed as fast as it can (a GET every
 * millisecond), which is when the feed service could serve the change at the
 * earliest;</li>
 * <li>fan-out: one change pushed to every callback; the baseline is a plain HTTP client
 * posting the same feed to the same callbacks with the same concurrency.</li>
 * </ul>
 * The subscribers are an HTTP server in this process; the feed service runs in this
 * process too (H2 file database), the broker in its own.
 */
final class WebSubBenchmark {

	static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String BASE = "http://localhost:8082";

	private static final String SECRET = "websub-benchmark-secret";

	private static final int WARMUP_CHANGES = 20;

	private final Map<Integer, Long> arrivals = new ConcurrentHashMap<>();

	private volatile String marker = "";

	private WebSubBenchmark() {
	}

	static void run(BenchmarkOptions options) throws Exception {
		int changes = 200;
		int subscribers = 1000;
		int rounds = 5;
		while (options.hasNext()) {
			String option = options.next();
			switch (option) {
				case "--changes" -> changes = options.number(1, 1_000_000);
				case "--subscribers" -> subscribers = options.number(1, 1_000_000);
				case "--rounds" -> rounds = options.number(1, 1_000_000);
				default -> options.fail("unknown option " + option);
			}
		}
		new WebSubBenchmark().measure(changes, subscribers, rounds);
	}

	private void measure(int changes, int count, int rounds) throws Exception {
		Path directory = Files.createTempDirectory("feed-websub-benchmark");
		try (WebSubSubscriber subscribers = new WebSubSubscriber(SECRET, 16);
				BenchmarkKafka kafka = BenchmarkKafka.start(directory.resolve("kafka"));
				TopicWriter topic = new TopicWriter(kafka.clientConfig(KafkaCredentials.PUBLISHER))) {
			String database = H2FileDatabase.url(directory.resolve("feed-service/db"));
			try (RunningFeed feed = RunningFeed.start(database, kafka, false,
					List.of("feed.websub.allow-loopback=true", "feed.websub.max-subscriptions-per-host=100000"))) {
				feed.startConsuming();
				subscribers.onPush(this::arrived);
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				String local = "http://127.0.0.1:" + feed.port();

				System.err.println("latency: one subscriber, " + changes + " changes one after another");
				String latencyFeed = "/feeds/categories/websub-latency/atom.xml";
				change(topic, "websub-latency");
				WebSubHttp.awaitFeed(http, local + latencyFeed);
				WebSubHttp.subscribe(http, local, BASE + latencyFeed, subscribers.callback(0), SECRET);
				awaitSubscriptions(feed, 1);
				for (int i = 0; i < WARMUP_CHANGES; i++) {
					pushLatency(topic, "websub-latency", 1);
				}
				long[] push = new long[changes];
				for (int i = 0; i < changes; i++) {
					push[i] = pushLatency(topic, "websub-latency", 1);
				}
				System.err.println("baseline: the same changes seen by polling the feed");
				long[] poll = new long[changes];
				for (int i = 0; i < changes; i++) {
					poll[i] = pollLatency(topic, http, local + latencyFeed);
				}

				System.err.printf("fan-out: %,d subscribers of one feed, %d rounds%n", count, rounds);
				String fanoutFeed = "/feeds/categories/websub-fanout/atom.xml";
				change(topic, "websub-fanout");
				WebSubHttp.awaitFeed(http, local + fanoutFeed);
				for (int i = 1; i <= count; i++) {
					WebSubHttp.subscribe(http, local, BASE + fanoutFeed, subscribers.callback(i), SECRET);
				}
				awaitSubscriptions(feed, count + 1);
				pushLatency(topic, "websub-fanout", count);
				double[] hubRates = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					hubRates[round] = count / (pushLatency(topic, "websub-fanout", count) / 1e9);
				}
				byte[] body = WebSubHttp.get(http, local + fanoutFeed);
				WebSubHttp.plainFanOut(http, subscribers, count, body, SECRET);
				double[] plainRates = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					plainRates[round] = count / (WebSubHttp.plainFanOut(http, subscribers, count, body, SECRET) / 1e9);
				}
				Checks.check(subscribers.refused().isEmpty(),
						() -> subscribers.refused().size() + " pushes had a signature that did not match");
				System.out.print(WebSubReport.table(push, poll, hubRates, plainRates, count, body.length));
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	/**
	 * Publishes a new article in the category and waits until every callback from 0 (or
	 * from 1, for a fan-out) has received a push holding it.
	 * @return nanoseconds from the send to the last arrival
	 */
	private long pushLatency(TopicWriter topic, String category, int callbacks) throws InterruptedException {
		this.arrivals.clear();
		long start = System.nanoTime();
		change(topic, category);
		long deadline = start + PATIENCE.toNanos();
		while (this.arrivals.size() < callbacks) {
			Checks.check(System.nanoTime() < deadline,
					() -> "only " + this.arrivals.size() + " of " + callbacks + " pushes arrived within " + PATIENCE);
			Thread.onSpinWait();
			Thread.sleep(0, 200_000);
		}
		return this.arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow() - start;
	}

	/** Nanoseconds from the send until a GET of the feed shows the change. */
	private long pollLatency(TopicWriter topic, HttpClient http, String feed) throws Exception {
		long start = System.nanoTime();
		String expected = change(topic, "websub-latency");
		long deadline = start + PATIENCE.toNanos();
		while (!new String(WebSubHttp.get(http, feed), StandardCharsets.UTF_8).contains(expected)) {
			Checks.check(System.nanoTime() < deadline, () -> "the feed did not change within " + PATIENCE);
			Thread.sleep(1);
		}
		return System.nanoTime() - start;
	}

	/** Publishes a new article in the category; the marker pushes must hold. */
	private String change(TopicWriter topic, String category) {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		this.marker = "urn:uuid:" + id;
		topic.send(new ArticleEvent(UUID.randomUUID(), ArticleEventType.PUBLISHED, now,
				new ArticleSnapshot(id, 1, "WebSub benchmark " + id, "A change to push.", "<p>A change to push.</p>",
						"https://news.example/" + id, List.of("Benchmark Desk"), List.of(category), "en", now, now,
						false)));
		return this.marker;
	}

	/** Notes when each callback first had a push holding the newest change. */
	private void arrived(WebSubSubscriber.Push push) {
		if (push.text().contains(this.marker)) {
			this.arrivals.putIfAbsent(Integer.parseInt(push.path().substring(push.path().lastIndexOf('/') + 1)),
					push.receivedAt());
		}
	}

	private static void awaitSubscriptions(RunningFeed feed, int count) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (feed.subscriptions() < count) {
			Checks.check(System.nanoTime() < deadline,
					() -> feed.subscriptions() + " of " + count + " subscriptions verified within " + PATIENCE);
			Thread.sleep(20);
		}
	}

}
