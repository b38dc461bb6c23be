package org.syndication.packages.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

import org.syndication.testsupport.BenchmarkOptions;

/**
 * Benchmarks of packages-service.
 * <p>
 * {@code java -jar packages-benchmarks/target/packages-benchmarks.jar route [options]}
 * needs no local stack: it routes a backlog of article events into ten packages on a real
 * Kafka broker, with the packages topology and with a plain consumer-producer loop (see
 * {@link RouteBenchmark}).
 * <p>
 * {@code java -jar packages-benchmarks/target/packages-benchmarks.jar latency [options]}
 * times, against a running local stack, an article from the publisher's answer to its
 * record on a package's topic (see {@link LatencyBenchmark}).
 * <p>
 * Each prints a table and, with {@code --markdown-out FILE}, writes it as Markdown.
 */
public final class PackagesBenchmark {

	private static final String USAGE = """
			usage: java -jar packages-benchmarks/target/packages-benchmarks.jar route|latency [options]
			route: a backlog of article events routed into 10 packages by the packages topology, next to a
			       plain consumer-producer loop doing the same in one thread; starts its own Kafka broker
			  --records N         records of the articles topic, tombstones included (100000; 1000..1000000)
			  --seed N            the seed of the backlog (1)
			  --warmup N          records of a warm-up round first, with other events on a broker of its own,
			                      so that the round measured finds the code compiled (30000; 0 for none)
			  --markdown-out FILE also write the figures as Markdown
			latency: POST to the publisher -> the article's record on articles.pkg.PACKAGE, against a running
			       local stack whose packages service routes PACKAGE (see benchmarks/packages-benchmark.sh)
			  --samples N         articles measured, one at a time (100; 1..1000)
			  --warmup N          articles sent first and not measured (5; 0..100)
			  --package NAME      the package (benchmark); its rule must take in --category
			  --category NAME     the category of the articles (benchmark)
			  --publisher URL     the publisher (http://127.0.0.1:8081); loopback only
			  --bootstrap-server HOST:PORT   Kafka (127.0.0.1:9092)
			  --data-dir DIR      the local stack's data directory, for the API token (api-token, or
			                      SYNDICATION_API_TOKEN) and the administrator's kafka/admin.properties (data)
			  --keep              leave the articles published (by default each is retracted once measured)
			  --markdown-out FILE also write the figures as Markdown
			""";

	private PackagesBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkOptions options = new BenchmarkOptions(args, USAGE, "is");
		if (args.length == 0 || !(args[0].equals("route") || args[0].equals("latency"))) {
			options.usage();
		}
		Markdown markdown;
		try {
			markdown = (args[0].equals("route")) ? route(options) : latency(options);
		}
		catch (IllegalStateException ex) {
			// What was not as it must be (no stack, a count that does not match), said
			// plainly; the cause, if any, follows.
			System.err.println(ex.getMessage());
			if (ex.getCause() != null) {
				ex.getCause().printStackTrace();
			}
			System.exit(1);
			return;
		}
		System.out.print(markdown.text());
		if (markdown.file() != null) {
			Files.writeString(markdown.file(), markdown.text());
		}
		// Nothing must keep the JVM: the clients and the broker are closed by now.
		System.exit(0);
	}

	private static Markdown route(BenchmarkOptions options) throws Exception {
		int records = 100_000;
		long seed = 1;
		int warmup = 30_000;
		Path markdownOut = null;
		while (options.hasNext()) {
			String option = options.next();
			switch (option) {
				case "--records" -> records = options.number(1_000, 1_000_000);
				case "--seed" -> seed = options.number(0, Integer.MAX_VALUE - 1);
				case "--warmup" -> warmup = options.number(0, 1_000_000);
				case "--markdown-out" -> markdownOut = Path.of(options.value());
				default -> options.fail("unknown option " + option);
			}
		}
		return new Markdown(
				RouteMarkdown.of(new RouteBenchmark(new RouteBenchmark.Options(records, seed, warmup)).run()),
				markdownOut);
	}

	private static Markdown latency(BenchmarkOptions options) throws Exception {
		LatencyBenchmark.Options latency = LatencyBenchmark.Options.defaults();
		Path markdownOut = null;
		while (options.hasNext()) {
			String option = options.next();
			switch (option) {
				case "--samples" -> latency = latency.withSamples(options.number(1, 1_000));
				case "--warmup" -> latency = latency.withWarmup(options.number(0, 100));
				case "--package" -> latency = latency.withPackageName(options.value());
				case "--category" -> latency = latency.withCategory(options.value());
				case "--publisher" -> latency = latency.withPublisher(options.value());
				case "--bootstrap-server" -> latency = latency.withBootstrapServer(options.value());
				case "--data-dir" -> latency = latency.withDataDir(Path.of(options.value()));
				case "--keep" -> latency = latency.withKeep(true);
				case "--markdown-out" -> markdownOut = Path.of(options.value());
				default -> options.fail("unknown option " + option);
			}
		}
		return new Markdown(new LatencyBenchmark(latency).run().markdown(), markdownOut);
	}

	/**
	 * What a benchmark prints.
	 *
	 * @param file where {@code --markdown-out} writes it too, if given
	 */
	private record Markdown(String text, Path file) {

	}

}
