package org.syndication.packages.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.syndication.packages.routing.PackageTopics;
import org.syndication.testsupport.Percentiles;
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

	static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);

	private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

	private final Options options;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	LatencyBenchmark(Options options) {
		this.options = options;
	}

	LatencyReport run() throws Exception {
		URI publisher = URI.create(this.options.publisher());
		if (!"http".equals(publisher.getScheme()) || !LOOPBACK.contains(publisher.getHost())) {
			throw new IllegalArgumentException(
					"Refusing " + publisher + ": only the local stack (http://127.0.0.1) is a target");
		}
		String token = LocalStackFiles.apiToken(this.options.dataDir());
		Map<String, Object> kafka = LocalStackFiles.kafkaConfig(this.options.dataDir(), this.options.bootstrapServer());
		String topic = PackageTopics.of(this.options.packageName());
		Map<String, CompletableFuture<Long>> arrived = new ConcurrentHashMap<>();
		try (PackageTopicWatch watch = new PackageTopicWatch(kafka, topic, arrived)) {
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
			return new LatencyReport(this.options, topic, new Percentiles(Arrays.copyOf(latencies, measured)),
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

}
