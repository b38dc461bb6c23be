package org.syndication.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules as Prometheus reads and evaluates them: {@code promtool check rules}
 * and {@code promtool test rules}. Skipped where promtool is not installed.
 */
@ExtendWith(Promtool.Required.class)
class PromtoolTests {

	private final Promtool promtool = Promtool.find().orElseThrow();

	@Test
	void prometheusAcceptsEveryRule() throws IOException {
		Promtool.Result result = this.promtool.run(AlertRules.DIRECTORY, "check", "rules", AlertRules.FILE);

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS: " + AlertRules.all().size() + " rules found");
	}

	@Test
	void everyRulePassesItsUnitTests() {
		Promtool.Result result = this.promtool.run(AlertRules.DIRECTORY, "test", "rules", AlertRules.TESTS);

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void prometheusAcceptsTheComposeConfigurationWithItsRules(@TempDir Path directory) throws IOException {
		// It checks that the token file exists: the one start.sh writes in the container
		// is
		// made here.
		String tokenFile = "/run/syndication/api-token";
		String configuration = Files.readString(AlertRules.DIRECTORY.resolve("prometheus.yml"));
		assertThat(configuration).contains("credentials_file: " + tokenFile);
		Path token = Files.writeString(directory.resolve("api-token"), "local-dev-token");
		Files.writeString(directory.resolve("prometheus.yml"), configuration.replace(tokenFile, token.toString()));
		Files.copy(AlertRules.DIRECTORY.resolve(AlertRules.FILE), directory.resolve(AlertRules.FILE));

		Promtool.Result result = this.promtool.run(directory, "check", "config", "prometheus.yml");

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS: 1 rule files found")
			.contains("SUCCESS: " + AlertRules.all().size() + " rules found");
	}

	@Test
	void theUnitTestsCatchARuleWhoseThresholdMoved(@TempDir Path directory) throws IOException {
		String rules = Files.readString(AlertRules.DIRECTORY.resolve(AlertRules.FILE));
		String moved = rules.replace("max by (job) (outbox_backlog_age_seconds) > 60",
				"max by (job) (outbox_backlog_age_seconds) > 600");
		assertThat(moved).isNotEqualTo(rules);
		Files.writeString(directory.resolve(AlertRules.FILE), moved);
		Files.copy(AlertRules.DIRECTORY.resolve(AlertRules.TESTS), directory.resolve(AlertRules.TESTS));

		Promtool.Result result = this.promtool.run(directory, "test", "rules", AlertRules.TESTS);

		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("FAILED").contains("OutboxEventsUnsent");
	}

}
