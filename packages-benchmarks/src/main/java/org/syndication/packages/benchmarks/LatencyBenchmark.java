package org.syndication.packages.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEventType;
import org.syndication.packages.routing.PackageTopics;
import tools.jackson.databind.json.JsonMapper;

/**
 * The time from the publisher's answer to a new article until the article's record is on
 * a package's topic, as a partner reads it: against a running local stack, one article at
 * a time, each POSTed to the publisher's API in the package's category, timed from the
 * moment its 201 answer has been read to the moment a consumer of committed records
 * (positioned at the topic's end before the first POST) has the article's published
 * event. A random pause of up to 250 ms between articles keeps them from falling into
 * step with the services' polling.
 */
final class LatencyBenchmark {

	/** The target for p99. */
	static final Duration TARGET = Duration.ofMillis(500);

	private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);

	private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

	private final Options options;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	LatencyBenchmark(Options options) {
		this.options = options;
	}

	Report run() throws Exception {
		URI publisher = URI.create(this.options.publisher());
		if (!"http".equals(publisher.getScheme()) || !LOOPBACK.contains(publisher.getHost())) {
			throw new IllegalArgumentException(
					"Refusing " + publisher + ": only the local stack (http://127.0.0.1) is a target");
		}
		String token = apiToken(this.options.dataDir());
		Map<String, Object> kafka = kafkaConfig(this.options.dataDir(), this.options.bootstrapServer());
		String topic = PackageTopics.of(this.options.packageName());
		Map<String, CompletableFuture<Long>> arrived = new ConcurrentHashMap<>();
		try (TopicWatch watch = new TopicWatch(kafka, topic, arrived)) {
			watch.awaitPositioned();
			List<String> ids = new ArrayList<>();
			long[] latencies = new long[this.options.samples()];
			long[] requests = new long[this.options.samples()];
			int failures = 0;
			int measured = 0;
			System.err.printf("%d articles into category '%s', %d of them measured, each awaited on %s%n",
					this.options.warmup() + this.options.samples(), this.options.category(), this.options.samples(),
					topic);
			for (int i = 0; i < this.options.warmup() + this.options.samples(); i++) {
				Thread.sleep(ThreadLocalRandom.current().nextLong(250));
				long sent = System.nanoTime();
				String id = create(publisher, token, i);
				long answered = System.nanoTime();
				ids.add(id);
				long seen;
				try {
					seen = arrived.computeIfAbsent(id, (key) -> new CompletableFuture<>())
						.get(SAMPLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException ex) {
					System.err.printf("article %s not on %s within %d s%n", id, topic, SAMPLE_TIMEOUT.toSeconds());
					if (i >= this.options.warmup()) {
						failures++;
					}
					continue;
				}
				watch.failIfStopped();
				if (i >= this.options.warmup()) {
					latencies[measured] = seen - answered;
					requests[measured] = answered - sent;
					measured++;
				}
			}
			if (!this.options.keep()) {
				for (String id : ids) {
					retract(publisher, token, id);
				}
			}
			if (measured == 0) {
				throw new IllegalStateException("No article reached " + topic + " within " + SAMPLE_TIMEOUT.toSeconds()
						+ " s: does the packages service run, and does package '" + this.options.packageName()
						+ "' take in category '" + this.options.category() + "'?");
			}
			return new Report(this.options, topic, new Percentiles(Arrays.copyOf(latencies, measured)),
					new Percentiles(Arrays.copyOf(requests, measured)), failures);
		}
	}

	private String create(URI publisher, String token, int n) throws IOException, InterruptedException {
		Map<String, Object> article = new LinkedHashMap<>();
		article.put("title", "Packages latency probe " + n);
		article.put("summary", "An article of the packages latency benchmark.");
		article.put("contentHtml", "<p>Measured from the publisher's answer to the package's topic.</p>");
		article.put("categories", List.of(this.options.category()));
		article.put("language", "en");
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(publisher.resolve("/api/articles"))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(article)))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("POST /api/articles answered " + response.statusCode() + ": "
					+ response.body().substring(0, Math.min(500, response.body().length())));
		}
		return this.json.readTree(response.body()).path("id").asString();
	}

	private void retract(URI publisher, String token, String id) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(publisher.resolve("/api/articles/" + id))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + token)
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 204) {
			System.err.printf("retracting %s answered %d%n", id, response.statusCode());
		}
	}

	/**
	 * As the local stack finds it: the environment's, or the one kept in the data
	 * directory.
	 */
	private static String apiToken(Path dataDir) throws IOException {
		String given = System.getenv("SYNDICATION_API_TOKEN");
		if (given != null && !given.isBlank()) {
			return given.strip();
		}
		Path file = dataDir.resolve("api-token");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("No API token: no " + file
					+ " (start the local stack with ./run-local.sh) and no SYNDICATION_API_TOKEN");
		}
		return Files.readString(file, StandardCharsets.UTF_8).strip();
	}

	private static Map<String, Object> kafkaConfig(Path dataDir, String bootstrapServer) throws IOException {
		Path file = dataDir.resolve("kafka").resolve("admin.properties");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException(
					"No " + file + ": the local stack writes it when it starts (./run-local.sh)");
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		Map<String, Object> config = new HashMap<>();
		properties.stringPropertyNames().forEach((name) -> config.put(name, properties.getProperty(name)));
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
		return config;
	}

	static String markdown(Report report) {
		Options options = report.options();
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%d articles POSTed to the publisher one at a time (after %d not measured) in category `%s`, which "
						+ "package `%s` takes in; each timed from the moment the 201 answer was read to the moment "
						+ "a consumer of committed records (`read_committed`) had the article's published event "
						+ "from `%s`.%n%n",
				options.samples(), options.warmup(), options.category(), options.packageName(), report.topic()));
		out.append("| measure | p50 | p99 | max |\n| --- | ---: | ---: | ---: |\n");
		out.append(String.format(Locale.ROOT, "| POST answered → record on `%s` | %s | **%s** | %s |%n", report.topic(),
				millis(report.latency().percentile(50)), millis(report.latency().percentile(99)),
				millis(report.latency().max())));
		out.append(String.format(Locale.ROOT, "| the POST itself (request sent → answer read) | %s | %s | %s |%n",
				millis(report.requests().percentile(50)), millis(report.requests().percentile(99)),
				millis(report.requests().max())));
		boolean met = report.failures() == 0 && report.latency().percentile(99) < TARGET.toNanos();
		out.append(String.format(Locale.ROOT, "%nTarget p99 < %d ms: **%s**%s.%n", TARGET.toMillis(),
				met ? "met" : "not met",
				(report.failures() > 0) ? String.format(Locale.ROOT, " (%d of %d articles did not arrive within %d s)",
						report.failures(), options.samples(), SAMPLE_TIMEOUT.toSeconds()) : ""));
		return out.toString();
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
	}

	/**
	 * A package's topic, read from its end on a thread of its own: when each article's
	 * published event arrived.
	 */
	private static final class TopicWatch implements AutoCloseable {

		private final AtomicBoolean stopping = new AtomicBoolean();

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		private final CountDownLatch positioned = new CountDownLatch(1);

		private final Thread thread;

		TopicWatch(Map<String, Object> kafka, String topic, Map<String, CompletableFuture<Long>> arrived) {
			Map<String, Object> config = new HashMap<>(kafka);
			config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
			config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			this.thread = new Thread(() -> {
				try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
						new ByteArrayDeserializer())) {
					List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
					if (infos == null || infos.isEmpty()) {
						throw new IllegalStateException("No topic " + topic + ": define the package first, e.g. "
								+ "java -jar local-stack/target/local-stack.jar packages add benchmark --categories benchmark");
					}
					List<TopicPartition> partitions = infos.stream()
						.map((info) -> new TopicPartition(topic, info.partition()))
						.toList();
					consumer.assign(partitions);
					consumer.seekToEnd(partitions);
					partitions.forEach(consumer::position);
					this.positioned.countDown();
					while (!this.stopping.get()) {
						for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
							long now = System.nanoTime();
							Header type = record.headers().lastHeader(ArticleEventHeaders.TYPE);
							if (record.key() != null && type != null && ArticleEventType.PUBLISHED.value()
								.equals(new String(type.value(), StandardCharsets.UTF_8))) {
								arrived.computeIfAbsent(record.key(), (key) -> new CompletableFuture<>()).complete(now);
							}
						}
					}
				}
				catch (RuntimeException ex) {
					this.failure.set(ex);
					this.positioned.countDown();
				}
			}, "packages-latency-watch");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		void awaitPositioned() throws InterruptedException {
			if (!this.positioned.await(1, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Kafka did not answer within a minute");
			}
			failIfStopped();
		}

		void failIfStopped() {
			if (this.failure.get() != null) {
				throw new IllegalStateException(this.failure.get().getMessage(), this.failure.get());
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.stopping.set(true);
			this.thread.join(Duration.ofSeconds(10).toMillis());
		}

	}

	/**
	 * The latency benchmark's options.
	 */
	record Options(int samples, int warmup, String packageName, String category, String publisher,
			String bootstrapServer, Path dataDir, boolean keep) {

		static Options defaults() {
			return new Options(100, 5, "benchmark", "benchmark", "http://127.0.0.1:8081", "127.0.0.1:9092",
					Path.of("data"), false);
		}

		Options withSamples(int samples) {
			return new Options(samples, this.warmup, this.packageName, this.category, this.publisher,
					this.bootstrapServer, this.dataDir, this.keep);
		}

		Options withWarmup(int warmup) {
			return new Options(this.samples, warmup, this.packageName, this.category, this.publisher,
					this.bootstrapServer, this.dataDir, this.keep);
		}

		Options withPackageName(String packageName) {
			return new Options(this.samples, this.warmup, packageName, this.category, this.publisher,
					this.bootstrapServer, this.dataDir, this.keep);
		}

		Options withCategory(String category) {
			return new Options(this.samples, this.warmup, this.packageName, category, this.publisher,
					this.bootstrapServer, this.dataDir, this.keep);
		}

		Options withPublisher(String publisher) {
			return new Options(this.samples, this.warmup, this.packageName, this.category, publisher,
					this.bootstrapServer, this.dataDir, this.keep);
		}

		Options withBootstrapServer(String bootstrapServer) {
			return new Options(this.samples, this.warmup, this.packageName, this.category, this.publisher,
					bootstrapServer, this.dataDir, this.keep);
		}

		Options withDataDir(Path dataDir) {
			return new Options(this.samples, this.warmup, this.packageName, this.category, this.publisher,
					this.bootstrapServer, dataDir, this.keep);
		}

		Options withKeep(boolean keep) {
			return new Options(this.samples, this.warmup, this.packageName, this.category, this.publisher,
					this.bootstrapServer, this.dataDir, keep);
		}

	}

	/**
	 * What the latency benchmark measured.
	 *
	 * @param latency POST answered to record read, in nanoseconds
	 * @param requests the POSTs themselves, in nanoseconds
	 * @param failures articles that did not arrive in time
	 */
	record Report(Options options, String topic, Percentiles latency, Percentiles requests, int failures) {

	}

}
