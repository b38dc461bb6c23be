package org.syndication.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.syndication.testsupport.PromQl;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard: one row per stage of an article's way, every panel a Prometheus
 * query through the datasource variable (so that it imports into any Grafana), and only
 * metrics that exist.
 */
class DashboardTests {

	static final Path FILE = Path.of("grafana/dashboards/syndication.json");

	private static final List<String> ROWS = List.of("Publish", "Topic", "Feeds and pushes", "Mails", "Services");

	private static final Map<String, Object> DATASOURCE = Map.of("type", "prometheus", "uid", "${datasource}");

	private final JsonNode dashboard = read();

	@Test
	void oneRowPerStageInTheOrderAnArticleTakes() {
		assertThat(panelsByRow().keySet()).containsExactlyElementsOf(ROWS);
		assertThat(panelsByRow()).allSatisfy((row, panels) -> assertThat(panels).as(row).isNotEmpty());
	}

	@Test
	void everyPanelQueriesPrometheusThroughTheDatasourceVariable() {
		JsonNode variable = variable("datasource");
		assertThat(variable.path("type").asString()).isEqualTo("datasource");
		assertThat(variable.path("query").asString()).isEqualTo("prometheus");
		for (JsonNode panel : panels()) {
			assertThat(datasource(panel.path("datasource"))).as(title(panel)).isEqualTo(DATASOURCE);
			assertThat(panel.path("targets").size()).as("queries of %s", title(panel)).isPositive();
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("expr").asString()).as(title(panel)).isNotBlank();
				assertThat(datasource(target.path("datasource"))).as(title(panel)).isEqualTo(DATASOURCE);
			}
		}
	}

	@Test
	void everyQueryReadsOnlyMetricsThatExist() throws IOException {
		Set<String> known = MetricCatalogue.read().keySet();
		for (JsonNode panel : panels()) {
			for (JsonNode target : panel.path("targets")) {
				Set<String> read = PromQl.metricNames(target.path("expr").asString());
				assertThat(read).as("%s: %s", title(panel), target.path("expr").asString()).isNotEmpty();
				assertThat(known).as("the metrics of %s (%s)", title(panel), MetricCatalogue.FILE).containsAll(read);
			}
		}
	}

	@Test
	void everyMetricThatExistsIsShownAndEveryAlertsMetricAmongThem() throws IOException {
		Set<String> shown = new TreeSet<>();
		for (JsonNode panel : panels()) {
			for (JsonNode target : panel.path("targets")) {
				shown.addAll(PromQl.metricNames(target.path("expr").asString()));
			}
		}
		assertThat(shown).containsAll(MetricCatalogue.read().keySet());
		for (AlertRules.Rule rule : AlertRules.all()) {
			assertThat(shown).as("what %s reads", rule.alert()).containsAll(PromQl.metricNames(rule.expr()));
		}
	}

	@Test
	void freshnessAndErrorPanelsInEveryStageOfTheArticlesWay() {
		Map<String, List<JsonNode>> rows = panelsByRow();
		for (String row : List.of("Publish", "Topic", "Feeds and pushes", "Mails")) {
			assertThat(rows.get(row)).as(row).anySatisfy((panel) -> assertThat(title(panel)).contains("(freshness)"));
		}
		for (String row : ROWS) {
			assertThat(rows.get(row)).as(row)
				.anySatisfy(
						(panel) -> assertThat(title(panel)).containsAnyOf("error", "fail", "Dead letters", "Ready"));
		}
	}

	@Test
	void panelsLieUnderTheirRowWithoutOverlapping() {
		List<int[]> taken = new ArrayList<>();
		int rowY = -1;
		for (JsonNode panel : this.dashboard.path("panels")) {
			JsonNode grid = panel.path("gridPos");
			int[] box = { grid.path("x").asInt(), grid.path("y").asInt(), grid.path("w").asInt(),
					grid.path("h").asInt() };
			assertThat(box[0] + box[2]).as("%s fits the width", title(panel)).isLessThanOrEqualTo(24);
			assertThat(box[2] * box[3]).as(title(panel)).isPositive();
			if (panel.path("type").asString().equals("row")) {
				assertThat(box[1]).as("row %s below everything before it", title(panel))
					.isGreaterThanOrEqualTo(taken.stream().mapToInt((other) -> other[1] + other[3]).max().orElse(0));
				rowY = box[1];
			}
			else {
				assertThat(box[1]).as("%s under its row", title(panel)).isGreaterThan(rowY);
			}
			assertThat(taken).as("%s overlaps no other panel", title(panel))
				.noneMatch((other) -> box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
						&& box[1] < other[1] + other[3] && other[1] < box[1] + box[3]);
			taken.add(box);
		}
		assertThat(this.dashboard.path("panels")).extracting((panel) -> panel.path("id").asInt())
			.doesNotHaveDuplicates();
	}

	@Test
	void theDashboardHasAStableIdentity() {
		assertThat(this.dashboard.path("uid").asString()).matches("[a-z0-9-]{1,40}");
		assertThat(this.dashboard.path("title").asString()).isNotBlank();
		// Grafana gives an imported dashboard its own id.
		assertThat(this.dashboard.has("id")).isFalse();
	}

	/** The panels of each row, rows in order. */
	private Map<String, List<JsonNode>> panelsByRow() {
		Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
		List<JsonNode> current = null;
		for (JsonNode panel : this.dashboard.path("panels")) {
			if (panel.path("type").asString().equals("row")) {
				assertThat(panel.path("collapsed").asBoolean()).as("row %s is open", title(panel)).isFalse();
				current = new ArrayList<>();
				assertThat(rows.put(title(panel), current)).as("row %s once", title(panel)).isNull();
			}
			else {
				assertThat(current).as("%s is in a row", title(panel)).isNotNull();
				current.add(panel);
			}
		}
		return rows;
	}

	private List<JsonNode> panels() {
		List<JsonNode> panels = new ArrayList<>();
		panelsByRow().values().forEach(panels::addAll);
		assertThat(panels).isNotEmpty();
		return panels;
	}

	private JsonNode variable(String name) {
		for (JsonNode variable : this.dashboard.path("templating").path("list")) {
			if (variable.path("name").asString().equals(name)) {
				return variable;
			}
		}
		throw new AssertionError("No variable " + name);
	}

	private static Map<String, Object> datasource(JsonNode node) {
		return Map.of("type", node.path("type").asString(), "uid", node.path("uid").asString());
	}

	private static String title(JsonNode panel) {
		return panel.path("title").asString();
	}

	private static JsonNode read() {
		try {
			return JsonMapper.builder().build().readTree(Files.readString(FILE));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + FILE, ex);
		}
	}

}
