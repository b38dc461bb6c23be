package org.syndication.publisher.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.syndication.testsupport.BenchmarkOptions;

/**
 * Benchmarks of publisher-service that need no local stack.
 * <p>
 * {@code java -jar publisher-benchmarks/target/publisher-benchmarks.jar drain [options]}
 * measures how fast the outbox relay drains a backlog into a real Kafka broker, next to a
 * plain producer sending the same records (see {@link DrainBenchmark}). It prints a table
 * and, with {@code --markdown-out FILE}, writes it as Markdown.
 */
public final class PublisherBenchmark {

	private static final String USAGE = """
			usage: java -jar publisher-benchmarks/target/publisher-benchmarks.jar drain [options]
			drain: a backlog of outbox events drained by the relay, next to a plain producer
			  --articles N        articles (10000; 1..1000000)
			  --versions N        events per article: published, then updated (10; 1..100)
			  --set NAME=VALUE    a publisher property, e.g. publisher.outbox.batch-size=1000;
			                      repeatable; without it the publisher runs with its defaults
			  --h2-options TEXT   appended to the H2 URL, e.g. ";CACHE_SIZE=262144" (a 256 MB page cache)
			  --markdown-out FILE also write the figures as Markdown
			""";

	private PublisherBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkOptions options = new BenchmarkOptions(args, USAGE, "is");
		if (args.length == 0 || !args[0].equals("drain")) {
			options.usage();
		}
		int articles = 10_000;
		int versions = 10;
		List<String> overrides = new ArrayList<>();
		String h2Options = "";
		Path markdownOut = null;
		while (options.hasNext()) {
			String option = options.next();
			switch (option) {
				case "--articles" -> articles = options.number(1, 1_000_000);
				case "--versions" -> versions = options.number(1, 100);
				case "--set" -> overrides.add(property(options));
				case "--h2-options" -> h2Options = options.value();
				case "--markdown-out" -> markdownOut = Path.of(options.value());
				default -> options.fail("unknown option " + option);
			}
		}
		DrainBenchmark.Report report = new DrainBenchmark(
				new DrainBenchmark.Options(articles, versions, h2Options, List.copyOf(overrides)))
			.run();
		String markdown = markdown(report);
		System.out.print(markdown);
		if (markdownOut != null) {
			Files.writeString(markdownOut, markdown);
		}
		// Nothing must keep the JVM: the publisher and the broker are closed by now.
		System.exit(0);
	}

	static String markdown(DrainBenchmark.Report report) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"A backlog of %,d events (%,d articles, %d versions each, interleaved) in the outbox, drained into "
						+ "the articles topic (%d partitions) on a real broker; publisher-service %s, on an H2 file "
						+ "database%s. Producer: %s.%n%n",
				report.events(), report.articles(), report.events() / report.articles(), report.partitions(),
				report.overrides().isEmpty() ? "with its defaults" : "with " + String.join(", ", report.overrides()),
				report.h2Options().isEmpty() ? "" : " (" + report.h2Options() + ")", report.producerSettings()));
		out.append("| sender | seconds | events/s |\n| --- | ---: | ---: |\n");
		out.append(String.format(Locale.ROOT, "| outbox relay, until every row is marked sent | %.1f | **%,.0f** |%n",
				report.relaySeconds(), report.relayRate()));
		out.append(String.format(Locale.ROOT, "| plain producer, before the relay | %.1f | %,.0f |%n",
				report.plainBeforeSeconds(), report.events() / report.plainBeforeSeconds()));
		out.append(String.format(Locale.ROOT, "| plain producer, after the relay | %.1f | %,.0f |%n",
				report.plainAfterSeconds(), report.events() / report.plainAfterSeconds()));
		out.append(String.format(Locale.ROOT,
				"%nRelay / plain producer (the faster run): **%.2f**. Queueing the backlog through the outbox took "
						+ "%.1f s (not measured above). Checked on the topic: %s.%n",
				report.ratio(), report.queueSeconds(), report.checked()));
		return out.toString();
	}

	/** The value of {@code --set}: any {@code name=value}, the publisher's to refuse. */
	private static String property(BenchmarkOptions options) {
		String value = options.value();
		if (!value.contains("=")) {
			options.fail("--set needs NAME=VALUE, is " + value);
		}
		return value;
	}

}
