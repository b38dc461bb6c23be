package org.syndication.feed.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleSnapshot;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.testsupport.TopicWriter;
import org.syndication.testsupport.WebSubSubscriber;

import org.springframework.web.util.UriUtils;

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

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String BASE = "http://localhost:8082";

	private static final String SECRET = "websub-benchmark-secret";

	private static final int WARMUP_CHANGES = 20;

	private final Map<Integer, Long> arrivals = new ConcurrentHashMap<>();

	private volatile String marker = "";

	private WebSubBenchmark() {
	}

	static void run(String[] args) throws Exception {
		int changes = 200;
		int subscribers = 1000;
		int rounds = 5;
		for (int i = 1; i < args.length; i++) {
			switch (args[i]) {
				case "--changes" -> changes = ConsumerBenchmark.number(args, ++i, 1);
				case "--subscribers" -> subscribers = ConsumerBenchmark.number(args, ++i, 1);
				case "--rounds" -> rounds = ConsumerBenchmark.number(args, ++i, 1);
				default -> ConsumerBenchmark.fail("unknown option " + args[i]);
			}
		}
		new WebSubBenchmark().measure(changes, subscribers, rounds);
	}

	private void measure(int changes, int count, int rounds) throws Exception {
		Path directory = Files.createTempDirectory("feed-websub-benchmark");
		try (WebSubSubscriber subscribers = new WebSubSubscriber(SECRET, 16);
				BenchmarkKafka kafka = BenchmarkKafka.start(directory.resolve("kafka"));
				TopicWriter topic = new TopicWriter(kafka.clientConfig(KafkaCredentials.PUBLISHER))) {
			String database = "jdbc:h2:file:" + directory.resolve("feed-service/db") + ";WRITE_DELAY=0";
			try (RunningFeed feed = RunningFeed.start(database, kafka, false,
					List.of("feed.websub.allow-loopback=true", "feed.websub.max-subscriptions-per-host=100000"))) {
				feed.startConsuming();
				subscribers.onPush(this::arrived);
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				String local = "http://127.0.0.1:" + feed.port();

				System.err.println("latency: one subscriber, " + changes + " changes one after another");
				String latencyFeed = "/feeds/categories/websub-latency/atom.xml";
				change(topic, "websub-latency");
				awaitFeed(http, local + latencyFeed);
				subscribe(http, local, BASE + latencyFeed, subscribers.callback(0), SECRET);
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
				awaitFeed(http, local + fanoutFeed);
				for (int i = 1; i <= count; i++) {
					subscribe(http, local, BASE + fanoutFeed, subscribers.callback(i), SECRET);
				}
				awaitSubscriptions(feed, count + 1);
				pushLatency(topic, "websub-fanout", count);
				double[] hubRates = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					hubRates[round] = count / (pushLatency(topic, "websub-fanout", count) / 1e9);
				}
				byte[] body = get(http, local + fanoutFeed);
				plainFanOut(http, subscribers, count, body);
				double[] plainRates = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					plainRates[round] = count / (plainFanOut(http, subscribers, count, body) / 1e9);
				}
				ConsumerBenchmark.check(subscribers.refused().isEmpty(),
						() -> subscribers.refused().size() + " pushes had a signature that did not match");
				System.out.print(table(push, poll, hubRates, plainRates, count, body.length));
			}
		}
		finally {
			ConsumerBenchmark.deleteRecursively(directory);
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
			ConsumerBenchmark.check(System.nanoTime() < deadline,
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
		while (!new String(get(http, feed), StandardCharsets.UTF_8).contains(expected)) {
			ConsumerBenchmark.check(System.nanoTime() < deadline, () -> "the feed did not change within " + PATIENCE);
			Thread.sleep(1);
		}
		return System.nanoTime() - start;
	}

	/** Nanoseconds for a plain client to post the body to every callback. */
	private long plainFanOut(HttpClient http, WebSubSubscriber subscribers, int count, byte[] body) {
		Semaphore inFlight = new Semaphore(64);
		String signature = "sha256=" + hmac(body);
		long start = System.nanoTime();
		List<CompletableFuture<Integer>> sent = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			inFlight.acquireUninterruptibly();
			HttpRequest request = HttpRequest.newBuilder(URI.create(subscribers.callback(i)))
				.header("Content-Type", "application/atom+xml;charset=utf-8")
				.header("X-Hub-Signature", signature)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
				.thenApply(HttpResponse::statusCode)
				.whenComplete((status, ex) -> inFlight.release()));
		}
		sent.forEach((status) -> ConsumerBenchmark.check(status.join() == 204, () -> "a plain post failed"));
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

	private static String hmac(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void subscribe(HttpClient http, String local, String topic, String callback, String secret)
			throws Exception {
		String form = "hub.mode=subscribe&hub.topic=" + UriUtils.encodeQueryParam(topic, StandardCharsets.UTF_8)
				+ "&hub.callback=" + UriUtils.encodeQueryParam(callback, StandardCharsets.UTF_8) + "&hub.secret="
				+ secret;
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(local + "/hub"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		ConsumerBenchmark.check(response.statusCode() == 202,
				() -> "the hub answered " + response.statusCode() + ": " + response.body());
	}

	private static void awaitSubscriptions(RunningFeed feed, int count) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (feed.subscriptions() < count) {
			ConsumerBenchmark.check(System.nanoTime() < deadline,
					() -> feed.subscriptions() + " of " + count + " subscriptions verified within " + PATIENCE);
			Thread.sleep(20);
		}
	}

	private static void awaitFeed(HttpClient http, String feed) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (http.send(HttpRequest.newBuilder(URI.create(feed)).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode() != 200) {
			ConsumerBenchmark.check(System.nanoTime() < deadline, () -> feed + " did not appear within " + PATIENCE);
			Thread.sleep(20);
		}
	}

	private static byte[] get(HttpClient http, String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
			.body();
	}

	private static String table(long[] push, long[] poll, double[] hubRates, double[] plainRates, int subscribers,
			int bodyBytes) {
		Arrays.sort(push);
		Arrays.sort(poll);
		Arrays.sort(hubRates);
		Arrays.sort(plainRates);
		double hub = hubRates[hubRates.length / 2];
		double plain = plainRates[plainRates.length / 2];
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%nWebSub: %d changes one after another; %d cores; broker in its own process (SASL/SCRAM), "
						+ "feed-service and subscribers in this one%n%n",
				push.length, Runtime.getRuntime().availableProcessors()));
		out.append(String.format(Locale.ROOT, "%-52s %9s %9s %9s%n", "change sent to Kafka until", "p50 ms", "p99 ms",
				"max ms"));
		out.append(String.format(Locale.ROOT, "%-52s %9.1f %9.1f %9.1f%n", "a subscriber has the signed push",
				millis(push, 0.50), millis(push, 0.99), millis(push, 1.0)));
		out.append(String.format(Locale.ROOT, "%-52s %9.1f %9.1f %9.1f%n",
				"baseline: a GET of the feed shows it (1 ms polls)", millis(poll, 0.50), millis(poll, 0.99),
				millis(poll, 1.0)));
		out.append(String.format(Locale.ROOT, "%npush / poll, p50: %.2f; p99: %.2f%n",
				millis(push, 0.50) / millis(poll, 0.50), millis(push, 0.99) / millis(poll, 0.99)));
		out.append(String.format(Locale.ROOT,
				"%nFan-out: one change to %,d callbacks (a feed of %,d bytes, signed), median of %d rounds%n%n",
				subscribers, bodyBytes, hubRates.length));
		out.append(String.format(Locale.ROOT, "%-52s %12s%n", "sender", "pushes/s"));
		out.append(
				String.format(Locale.ROOT, "%-52s %,12.0f%n", "hub (change sent to Kafka until the last push)", hub));
		out.append(String.format(Locale.ROOT, "%-52s %,12.0f%n", "baseline: plain HTTP client, 64 in flight", plain));
		out.append(String.format(Locale.ROOT, "%nhub / plain: %.2f%n", hub / plain));
		return out.toString();
	}

	private static double millis(long[] sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

}
