package org.syndication.ops;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.syndication.ops.MetricCatalogue.Metric;
import org.syndication.testsupport.PromQl;

import static org.assertj.core.api.Assertions.assertThat;

class MetricCatalogueTests {

	@Test
	void everyMetricIsExposedByAServiceOrMadeByPrometheus() throws IOException {
		Map<String, Metric> metrics = MetricCatalogue.read();
		assertThat(metrics).isNotEmpty();
		metrics.values().forEach((metric) -> {
			if (metric.exposedBy().contains(MetricCatalogue.PROMETHEUS)) {
				assertThat(metric.exposedBy()).as(metric.name()).containsExactly(MetricCatalogue.PROMETHEUS);
				assertThat(PromQl.PROMETHEUS_OWN_SERIES).as(metric.name()).contains(metric.name());
			}
			else {
				assertThat(MetricCatalogue.JOBS).as(metric.name()).containsAll(metric.exposedBy());
				assertThat(PromQl.PROMETHEUS_OWN_SERIES).as(metric.name()).doesNotContain(metric.name());
			}
		});
	}

	@Test
	void namesFollowPrometheusConventionsForTheirType() throws IOException {
		MetricCatalogue.read().values().forEach((metric) -> {
			assertThat(metric.name()).matches("[a-z_][a-z0-9_]*");
			switch (metric.type()) {
				case "counter" -> assertThat(metric.name()).endsWith("_total");
				case "histogram" -> assertThat(metric.name()).matches(".*_seconds_(bucket|count|sum)");
				case "gauge" -> assertThat(metric.name()).doesNotEndWith("_total");
				default -> throw new AssertionError(metric.name() + " has an unknown type " + metric.type());
			}
		});
	}

}
