package org.syndication.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code metrics.txt}: the metrics the rules and the dashboard may read, with their type
 * and who exposes them.
 */
final class MetricCatalogue {

	static final Path FILE = Path.of("metrics.txt");

	/** Prometheus' scrape jobs, one per service. */
	static final List<String> JOBS = List.of("publisher-service", "feed-service", "notifier-service",
			"packages-service");

	/** What "exposed by" names for the series Prometheus makes itself. */
	static final String PROMETHEUS = "prometheus";

	private MetricCatalogue() {
	}

	/**
	 * The metrics by name.
	 * @return each metric's entry
	 */
	static Map<String, Metric> read() throws IOException {
		Map<String, Metric> metrics = new LinkedHashMap<>();
		for (String line : Files.readAllLines(FILE)) {
			if (line.isBlank() || line.strip().startsWith("#")) {
				continue;
			}
			String[] fields = line.strip().split("\\s+");
			assertThat(fields.length).as(line).isGreaterThanOrEqualTo(3);
			Metric metric = new Metric(fields[0], fields[1], List.of(fields).subList(2, fields.length));
			assertThat(metrics.put(metric.name(), metric)).as("%s listed twice", metric.name()).isNull();
		}
		return metrics;
	}

	/**
	 * One metric.
	 *
	 * @param name its name as Prometheus has it
	 * @param type gauge, counter or histogram
	 * @param exposedBy the scrape jobs that expose it, or {@code prometheus}
	 */
	record Metric(String name, String type, List<String> exposedBy) {

	}

}
