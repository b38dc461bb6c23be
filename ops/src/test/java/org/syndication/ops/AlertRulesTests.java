package org.syndication.ops;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.syndication.ops.AlertRules.Rule;
import org.syndication.testsupport.PromQl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the alert rules must carry, checked without Prometheus; {@link PromtoolTests}
 * evaluates them.
 */
class AlertRulesTests {

	private static final List<String> STAGES = List.of("publish", "topic", "feeds", "mails", "services");

	@Test
	void everyRuleIsAnAlertWithASeverityASummaryAndAOneLineRunbook() throws IOException {
		List<Rule> rules = AlertRules.all();
		assertThat(rules).isNotEmpty();
		assertThat(rules).allSatisfy((rule) -> {
			assertThat(rule.alert()).as("a rule of group %s", rule.group()).isNotBlank().matches("[A-Z][A-Za-z]+");
			assertThat(rule.labels()).as(rule.alert()).containsKey("severity");
			assertThat(rule.labels().get("severity")).as(rule.alert()).isIn("critical", "warning");
			assertThat(rule.annotations()).as(rule.alert()).containsOnlyKeys("summary", "runbook");
			assertThat(rule.annotations().get("summary")).as(rule.alert()).isNotBlank().doesNotContain("\n");
			assertThat(rule.annotations().get("runbook")).as(rule.alert())
				.doesNotContain("\n")
				// What it means, then what to do.
				.contains(": ")
				.hasSizeGreaterThan(60);
		});
		assertThat(rules).extracting(Rule::alert).doesNotHaveDuplicates();
	}

	@Test
	void rulesAreGroupedByStageInTheOrderAnArticleTakes() throws IOException {
		assertThat(AlertRules.all().stream().map(Rule::group).distinct()).containsExactlyElementsOf(STAGES);
	}

	@Test
	void everyRuleReadsOnlyMetricsThatExist() throws IOException {
		Set<String> known = MetricCatalogue.read().keySet();
		for (Rule rule : AlertRules.all()) {
			Set<String> read = PromQl.metricNames(rule.expr());
			assertThat(read).as(rule.alert()).isNotEmpty();
			assertThat(known).as("the metrics %s reads (%s)", rule.alert(), MetricCatalogue.FILE).containsAll(read);
		}
	}

	@Test
	void rulesWatchTheKeyMetricOfEveryStage() throws IOException {
		Set<String> read = new TreeSet<>();
		AlertRules.all().forEach((rule) -> read.addAll(PromQl.metricNames(rule.expr())));
		assertThat(read).contains("outbox_backlog_age_seconds", "publisher_scheduled_overdue_age_seconds",
				"kafka_consumer_fetch_manager_records_lag", "deadletter_records_total", "feed_websub_pushes_total",
				"feed_websub_queue_age_seconds", "notifier_mail_due_age_seconds", "notifier_sender_bounce_rate",
				"notifier_sender_complaint_rate", "service_ready", "up");
	}

	@Test
	void everyRuleFiresInOneUnitTestAndStaysQuietInAnother() throws IOException {
		Map<String, Object> tests = AlertRules.yaml(AlertRules.DIRECTORY.resolve(AlertRules.TESTS));
		assertThat(tests.get("rule_files")).as("the unit tests load the rules of this folder")
			.isEqualTo(List.of(AlertRules.FILE));
		Set<String> fires = new TreeSet<>();
		Set<String> quiet = new TreeSet<>();
		for (Map<String, Object> test : AlertRules.list(tests.get("tests"))) {
			for (Map<String, Object> check : AlertRules.list(test.get("alert_rule_test"))) {
				String alert = (String) check.get("alertname");
				(AlertRules.list(check.get("exp_alerts")).isEmpty() ? quiet : fires).add(alert);
			}
		}
		List<String> alerts = AlertRules.all().stream().map(Rule::alert).sorted().toList();
		assertThat(fires).as("alerts with a unit test where they fire").containsExactlyElementsOf(alerts);
		assertThat(quiet).as("alerts with a unit test where they stay quiet").containsExactlyElementsOf(alerts);
	}

}
