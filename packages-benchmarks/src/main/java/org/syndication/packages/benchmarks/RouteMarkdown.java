package org.syndication.packages.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.syndication.packages.definition.PackageDefinition;

/**
 * The routing benchmark's figures as Markdown: the backlog, what each package's topic
 * must hold, and the routers' times.
 */
final class RouteMarkdown {

	private RouteMarkdown() {
	}

	static String of(RouteBenchmark.Results results) {
		StringBuilder out = new StringBuilder(of(results.measured()));
		RouteBenchmark.Report warmup = results.warmup();
		if (warmup == null) {
			out.append(String.format(Locale.ROOT, "%nNo warm-up round: the JVM had run nothing before.%n"));
		}
		else {
			out.append(String.format(Locale.ROOT,
					"%nBefore it, in the same JVM, a warm-up round with %,d other records (seed %d) on a broker of its "
							+ "own, checked the same way, so that the round above finds the code compiled, as in a "
							+ "service that has been running; the warm-up round's figures, those of a process just "
							+ "started: plain loop %,.0f, topology %,.0f, plain loop %,.0f records/s (topology / plain "
							+ "loop %.2f).%n",
					warmup.records(), warmup.seed(), warmup.plainBefore().rate(warmup.records()),
					warmup.topology().rate(warmup.records()), warmup.plainAfter().rate(warmup.records()),
					warmup.ratio()));
		}
		return out.toString();
	}

	static String of(RouteBenchmark.Report report) {
		ArticleBacklog.Counts counts = report.counts();
		int[] spread = counts.byPackageCount;
		int changes = counts.published + counts.updated;
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%,d records on the articles topic (3 partitions, gzip, written as the publisher's relay writes them: "
						+ "a transaction per 500), seed %d: %,d articles published, %,d edits, %,d retractions and "
						+ "%,d tombstones, the articles' records interleaved. Of the publications and edits, "
						+ "%.1f %% fall in no package, %.1f %% in one, %.1f %% in two, %.1f %% in three "
						+ "(%,d / %,d / %,d / %,d); a quarter of the edits move the article to other packages.%n%n",
				report.records(), report.seed(), counts.published, counts.updated, counts.retracted, counts.tombstones,
				percent(spread[0], changes), percent(spread[1], changes), percent(spread[2], changes),
				percent(spread[3], changes), spread[0], spread[1], spread[2], spread[3]));
		out.append("| package | rule | records expected | of which tombstones |\n| --- | --- | ---: | ---: |\n");
		for (PackageDefinition definition : report.definitions()) {
			out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d |%n", definition.name(), rule(definition),
					report.expected().get(definition.name()), report.tombstones().get(definition.name())));
		}
		long total = report.expected().values().stream().mapToLong(Long::longValue).sum();
		out.append(String.format(Locale.ROOT, "| all ten | | **%,d** | %,d |%n%n", total,
				report.tombstones().values().stream().mapToLong(Long::longValue).sum()));
		out.append("| router | seconds | of which start-up | records/s |\n| --- | ---: | ---: | ---: |\n");
		row(out, "plain consumer-producer loop, before the topology", report.plainBefore(), report.records(), false);
		row(out, "packages topology (Kafka Streams, exactly_once_v2, 1 stream thread)", report.topology(),
				report.records(), true);
		row(out, "plain consumer-producer loop, after the topology", report.plainAfter(), report.records(), false);
		out.append(String.format(Locale.ROOT,
				"%nTopology / plain loop (the faster run): **%.2f**. Both start from offset 0 of the backlog and "
						+ "are timed from their start (clients created, group joined, for the topology "
						+ "`KafkaStreams.start()`) until the transaction with their last record's offsets is "
						+ "committed; for the topology, until its group's committed offsets reach the end of every "
						+ "partition of `articles` (its outputs commit in the same transaction). "
						+ "Both are exactly once: the topology with the service's own settings "
						+ "(`PackagesStreamsConfig`, its state stores and their changelogs) and Kafka user, the plain "
						+ "loop, as the administrator, with a transactional producer and `sendOffsetsToTransaction` every 100 ms, keeping the articles' "
						+ "memberships in memory only (no changelog, no back-catalogue for a package defined later). "
						+ "The topology had applied the packages beforehand, on an empty articles topic, as a "
						+ "running service has (%.1f s, not measured); writing the backlog took %.1f s (not "
						+ "measured).%n%nChecked: %s.%n",
				report.ratio(), report.applySeconds(), report.writeSeconds(), report.checked()));
		return out.toString();
	}

	private static void row(StringBuilder out, String router, Timing timing, int records, boolean bold) {
		String rate = String.format(Locale.ROOT, "%,.0f", timing.rate(records));
		out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s |%n", router, timing.seconds(),
				timing.startupSeconds(), bold ? "**" + rate + "**" : rate));
	}

	private static String rule(PackageDefinition definition) {
		Map<String, Set<String>> kinds = new LinkedHashMap<>();
		kinds.put("categories", definition.categories());
		kinds.put("languages", definition.languages());
		kinds.put("authors", definition.authors());
		return kinds.entrySet()
			.stream()
			.filter((kind) -> !kind.getValue().isEmpty())
			.map((kind) -> kind.getKey() + " " + String.join(", ", kind.getValue()))
			.collect(Collectors.joining("; and "));
	}

	private static double percent(int part, int whole) {
		return 100.0 * part / whole;
	}

}
