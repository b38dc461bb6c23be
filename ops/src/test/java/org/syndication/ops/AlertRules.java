package org.syndication.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules of {@code prometheus/alerts.yml}, read as Prometheus reads them.
 */
final class AlertRules {

	static final Path DIRECTORY = Path.of("prometheus");

	static final String FILE = "alerts.yml";

	static final String TESTS = "alerts-tests.yml";

	private AlertRules() {
	}

	/**
	 * Every rule of the file, in order.
	 * @return the rules
	 */
	static List<Rule> all() throws IOException {
		List<Rule> rules = new ArrayList<>();
		for (Map<String, Object> group : list(yaml(DIRECTORY.resolve(FILE)).get("groups"))) {
			for (Map<String, Object> rule : list(group.get("rules"))) {
				rules.add(new Rule(String.valueOf(group.get("name")), (String) rule.get("alert"),
						String.valueOf(rule.get("expr")), strings(rule.get("labels")),
						strings(rule.get("annotations"))));
			}
		}
		return rules;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml().load(reader);
		}
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> strings(Object value) {
		return (value != null) ? (Map<String, String>) value : Map.of();
	}

	/**
	 * One alerting rule.
	 *
	 * @param group the name of its group
	 * @param alert its name, or {@code null} for a recording rule
	 * @param expr its PromQL expression
	 * @param labels the labels it adds
	 * @param annotations its annotations
	 */
	record Rule(String group, String alert, String expr, Map<String, String> labels, Map<String, String> annotations) {

	}

}
