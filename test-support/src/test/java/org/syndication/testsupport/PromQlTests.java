package org.syndication.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PromQlTests {

	@Test
	void aBareSelectorReadsItsMetric() {
		assertThat(PromQl.metricNames("outbox_backlog_messages")).containsExactly("outbox_backlog_messages");
	}

	@Test
	void labelNamesAndValuesInASelectorAreNoMetrics() {
		assertThat(PromQl.metricNames(
				"deadletter_records_total{topic=\"articles.feed-service.dlq\", job=~'feed_service|x', kind!=\"a}b\"}"))
			.containsExactly("deadletter_records_total");
	}

	@Test
	void functionsAggregationsAndGroupingLabelsAreNoMetrics() {
		assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le, job) "
				+ "(rate(articles_event_age_seconds_bucket{job=\"feed-service\"}[5m])))"))
			.containsExactly("articles_event_age_seconds_bucket");
		assertThat(PromQl.metricNames("sum(rate(http_server_requests_seconds_count[5m])) without (instance, uri)"))
			.containsExactly("http_server_requests_seconds_count");
		assertThat(PromQl.metricNames("topk(3, count_values(\"version\", build_info))")).containsExactly("build_info");
	}

	@Test
	void aFunctionIsKnownByItsParenthesisEvenAfterASpace() {
		assertThat(PromQl.metricNames("rate (outbox_sent_messages_total [5m])"))
			.containsExactly("outbox_sent_messages_total");
	}

	@Test
	void durationsSubqueriesOffsetsAndNumbersAreNoMetrics() {
		assertThat(PromQl.metricNames("max_over_time(deriv(lag[5m])[1h:30s] offset 1h30m) > 1e3 + 0x1F - 2.5e-3"))
			.containsExactly("lag");
		assertThat(PromQl.metricNames("outbox_backlog_age_seconds @ start() > Inf or NaN"))
			.containsExactly("outbox_backlog_age_seconds");
	}

	@Test
	void bothSidesOfABinaryOperationWithVectorMatchingAreRead() {
		assertThat(PromQl
			.metricNames("a_total / on (job) group_left (kind) b unless ignoring(instance) c and bool d or e_seconds"))
			.containsExactly("a_total", "b", "c", "d", "e_seconds");
	}

	@Test
	void keywordsAndAggregationsAreReadInAnyCase() {
		assertThat(PromQl.metricNames("SUM BY (job) (service_ready) AND ON (job) Up")).containsExactly("service_ready",
				"Up");
	}

	@Test
	void grafanaVariablesAreNoMetrics() {
		assertThat(PromQl.metricNames(
				"sum(rate(http_server_requests_seconds_count{instance=~\"$instance\"}[$__rate_interval])) * ${factor} / $scale"))
			.containsExactly("http_server_requests_seconds_count");
	}

	@Test
	void namesOfRecordingRulesKeepTheirColons() {
		assertThat(PromQl.metricNames("job:http_requests:rate5m > 0")).containsExactly("job:http_requests:rate5m");
	}

	@Test
	void aNameMatcherInsideTheBracesIsTheMetric() {
		assertThat(PromQl.metricNames("{__name__=\"up\", job=\"feed-service\"} == 0")).containsExactly("up");
	}

	@Test
	void namesMatchedByARegularExpressionCannotBeChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> PromQl.metricNames("{__name__=~\"notifier_.*\"}"))
			.withMessageContaining("=~");
	}

	@Test
	void commentsAreSkipped() {
		assertThat(PromQl.metricNames("# the oldest unsent event, in seconds\noutbox_backlog_age_seconds > 60"))
			.containsExactly("outbox_backlog_age_seconds");
	}

	@Test
	void eachNameIsGivenOnceInTheOrderItFirstAppears() {
		assertThat(PromQl.metricNames("b / a + b")).containsExactly("b", "a");
	}

	@Test
	void anUnterminatedStringOrBlockIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PromQl.metricNames("up{job=\"feed}"));
		assertThatIllegalArgumentException().isThrownBy(() -> PromQl.metricNames("rate(x[5m)"));
	}

}
