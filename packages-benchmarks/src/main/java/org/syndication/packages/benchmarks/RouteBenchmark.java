package org.syndication.packages.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.packages.definition.PackageDefinition;
import org.syndication.packages.routing.PackageTopics;

import org.springframework.util.FileSystemUtils;

/**
 * A backlog of article events on a real Kafka broker (a child process, as in the local
 * stack), routed into ten packages by the packages topology and, in the same run, by a
 * plain consumer-producer loop before and after it; every package topic is then read back
 * and must hold exactly the records worked out from the events.
 */
final class RouteBenchmark {

	private final Options options;

	RouteBenchmark(Options options) {
		this.options = options;
	}

	/**
	 * Runs a warm-up round with other records, if asked for, then the round measured,
	 * each on a broker of its own.
	 */
	Results run() throws Exception {
		Report warmup = null;
		if (this.options.warmupRecords() > 0) {
			log("warm-up round: %,d other records, on a broker of its own".formatted(this.options.warmupRecords()));
			warmup = round(this.options.warmupRecords(), this.options.seed() + 1);
			log("the round measured");
		}
		return new Results(warmup, round(this.options.records(), this.options.seed()));
	}

	private Report round(int records, long seed) throws Exception {
		Path directory = Files.createTempDirectory("packages-benchmark");
		try (KafkaBrokerProcess broker = KafkaBrokerProcess.onFreePorts(directory.resolve("kafka"))) {
			log("making %,d records of the articles topic (seed %d)".formatted(records, seed));
			ArticleBacklog backlog = ArticleBacklog.generate(records, seed,
					Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(1, ChronoUnit.DAYS));
			log("starting a Kafka broker");
			broker.start();
			Map<String, Object> clientConfig = broker.clientConfig(KafkaCredentials.ADMIN);
			BenchmarkTopics topics = new BenchmarkTopics(clientConfig);
			topics.createInputs();
			List<PackageDefinition> definitions = BenchmarkPackages.definitions();
			List<String> names = BenchmarkPackages.names();
			topics.define(definitions);

			log("the topology applying the %d packages, on an empty articles topic".formatted(definitions.size()));
			TopologyRun topology = new TopologyRun(broker.clientConfig(KafkaCredentials.PACKAGES), clientConfig,
					directory.resolve("streams"));
			long applyStart = System.nanoTime();
			topology.applyDefinitions(definitions.size());
			double applySeconds = seconds(applyStart);

			log("writing the backlog onto the articles topic");
			long writeStart = System.nanoTime();
			Map<TopicPartition, Long> ends = ArticlesWriter.write(clientConfig, backlog.entries());
			double writeSeconds = seconds(writeStart);

			Map<String, String> plainBeforeTopics = topics.createLikePackages("bench.plain1.", names);
			Map<String, String> plainAfterTopics = topics.createLikePackages("bench.plain2.", names);
			log("plain loop, first run");
			Timing plainBefore = new PlainRouter(clientConfig, definitions, plainBeforeTopics,
					"packages-benchmark-plain1")
				.run(ends);
			log("the topology routing the backlog");
			Timing routed = topology.run(ends);
			log("plain loop, second run");
			Timing plainAfter = new PlainRouter(clientConfig, definitions, plainAfterTopics,
					"packages-benchmark-plain2")
				.run(ends);

			log("reading every package topic back");
			TopicContents contents = new TopicContents(clientConfig);
			ExpectedRecords expected = backlog.expected();
			long expectedRecords = expected.counts().values().stream().mapToLong(Long::longValue).sum();
			long topologyRecords = contents.check(BenchmarkTopics.packageTopics(names), expected.sequences());
			long plainBeforeRecords = contents.check(plainBeforeTopics, expected.sequences());
			long plainAfterRecords = contents.check(plainAfterTopics, expected.sequences());
			long deadLetters = contents.count(PackageTopics.DEAD_LETTER_TOPIC);
			if (deadLetters != 0) {
				throw new IllegalStateException(deadLetters + " records on " + PackageTopics.DEAD_LETTER_TOPIC);
			}
			String checked = String.format(
					"every package topic holds exactly the %,d records expected, per article in order (event ids and "
							+ "tombstones), after the topology (%,d read back) and after each plain run (%,d and %,d); "
							+ "%s is empty",
					expectedRecords, topologyRecords, plainBeforeRecords, plainAfterRecords,
					PackageTopics.DEAD_LETTER_TOPIC);
			return new Report(records, seed, backlog.counts(), expected.counts(), expected.tombstones(), definitions,
					applySeconds, writeSeconds, plainBefore, routed, plainAfter, checked);
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private static void log(String message) {
		System.err.println(message);
	}

	/**
	 * @param records records of the articles topic in the round measured
	 * @param seed the seed of its backlog
	 * @param warmupRecords records of a warm-up round before it, 0 for none
	 */
	record Options(int records, long seed, int warmupRecords) {

	}

	/**
	 * @param warmup the warm-up round, or {@code null}
	 * @param measured the round measured
	 */
	record Results(Report warmup, Report measured) {

	}

	record Report(int records, long seed, ArticleBacklog.Counts counts, Map<String, Long> expected,
			Map<String, Long> tombstones, List<PackageDefinition> definitions, double applySeconds, double writeSeconds,
			Timing plainBefore, Timing topology, Timing plainAfter, String checked) {

		/** The faster of the two plain runs. */
		Timing plain() {
			return (this.plainBefore.seconds() <= this.plainAfter.seconds()) ? this.plainBefore : this.plainAfter;
		}

		double ratio() {
			return this.topology.rate(this.records) / plain().rate(this.records);
		}

	}

}
