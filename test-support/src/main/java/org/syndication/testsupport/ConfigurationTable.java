package org.syndication.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.PropertySource;
import org.springframework.util.PropertyPlaceholderHelper;

/**
 * The table of a module's own settings in {@code docs/configuration.md}, made from what
 * the module declares: one row per key of its {@code @ConfigurationProperties} records,
 * as Spring Boot's configuration processor wrote them into
 * {@code META-INF/spring-configuration-metadata.json} (the description from the record's
 * Javadoc {@code @param}, the default from its {@code @DefaultValue}), with the value the
 * module's {@code application.yml} gives a key instead, where it gives one, since that is
 * the value the service runs with. The variable is the key as Spring Boot reads it from
 * the environment, or the one {@code application.yml} binds to the key with a placeholder
 * of its own ({@code ${NAME:}}).
 * <p>
 * The page carries each module's table between two marker lines,
 * {@code <!-- configuration:module -->} and {@code <!-- /configuration:module -->}; a
 * test of the module checks that the page shows the table as rendered here, or, run with
 * {@code -Dsyndication.docs.write=true}, writes it there.
 */
public final class ConfigurationTable {

	/** The system property that makes {@link #check(Path)} write the table. */
	public static final String WRITE_PROPERTY = "syndication.docs.write";

	/** The configuration page, seen from a module's directory, where its tests run. */
	public static final Path PAGE = Path.of("..", "docs", "configuration.md");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** {@code ${NAME:default}} in application.yml, read as if no variable were set. */
	private static final PropertyPlaceholderHelper PLACEHOLDERS = new PropertyPlaceholderHelper("${", "}", ":", null,
			true);

	/** A value that is only a variable, with or without a default. */
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

	private final String module;

	private final List<Row> rows;

	private final List<PropertySource<?>> yaml;

	private ConfigurationTable(String module, List<Row> rows, List<PropertySource<?>> yaml) {
		this.module = module;
		this.rows = rows;
		this.yaml = yaml;
	}

	/**
	 * The table of the module whose tests are running, from its build output
	 * ({@code target/classes}).
	 * @param module the module's name, as in the page's markers
	 * @return the table
	 */
	public static ConfigurationTable of(String module) {
		Path classes = Path.of("target", "classes");
		return of(module, classes.resolve("META-INF/spring-configuration-metadata.json"),
				classes.resolve("application.yml"));
	}

	/**
	 * The table made from a metadata file and an application.yml.
	 * @param module the module's name, as in the page's markers
	 * @param metadata the configuration processor's
	 * {@code spring-configuration-metadata.json}
	 * @param applicationYaml the module's {@code application.yml}; where it does not
	 * exist, the defaults are the records' own
	 * @return the table
	 */
	public static ConfigurationTable of(String module, Path metadata, Path applicationYaml) {
		if (!Files.isRegularFile(metadata)) {
			throw new IllegalStateException(metadata.toAbsolutePath() + " does not exist: "
					+ "the module's build must run spring-boot-configuration-processor");
		}
		List<PropertySource<?>> yaml = ApplicationSettings.yaml(applicationYaml);
		Map<String, Object> configured = ApplicationSettings.configured(yaml);
		List<Row> rows = new ArrayList<>();
		for (JsonNode property : read(metadata).path("properties")) {
			String name = property.path("name").asString();
			String type = property.path("type").asString("");
			Object value = configured.get(name);
			Matcher placeholder = VARIABLE.matcher(String.valueOf(value));
			String variable = (value != null && placeholder.matches()) ? placeholder.group(1)
					: ApplicationSettings.variable(name, type);
			String shown = (value != null) ? resolved(value) : defaultValue(property.get("defaultValue"));
			JsonNode description = property.get("description");
			rows.add(new Row(name, variable, shown,
					(description != null && !description.isNull()) ? description.asString() : "", isList(type)));
		}
		return new ConfigurationTable(module, List.copyOf(rows), yaml);
	}

	/**
	 * The keys that have no description: their record lacks a Javadoc {@code @param} for
	 * them.
	 * @return the keys, in the order of the table
	 */
	public List<String> undescribed() {
		return this.rows.stream().filter((row) -> row.description().isBlank()).map(Row::key).toList();
	}

	/**
	 * The keys whose variable, as the table shows it, Spring Boot would not bind to them.
	 * @return the keys, in the order of the table
	 */
	public List<String> unreachable() {
		return this.rows.stream()
			.filter((row) -> !row.variable().endsWith("_*")
					&& !ApplicationSettings.reaches(row.variable(), row.key(), this.yaml))
			.map(Row::key)
			.toList();
	}

	/**
	 * The table as the page shows it, with its marker lines.
	 * @return the Markdown block
	 */
	public String block() {
		StringBuilder block = new StringBuilder(ConfigurationPage.startMarker(this.module)).append("\n\n");
		block.append("| Variable | Default | Meaning |\n|---|---|---|\n");
		for (Row row : this.rows) {
			block.append("| `")
				.append(row.variable())
				.append("` | ")
				.append(escaped(row.defaultValue()))
				.append(" | ")
				.append(escaped(JavadocText.meaning(row.description(), row.list())))
				.append(" |\n");
		}
		return block.append('\n').append(ConfigurationPage.endMarker(this.module)).toString();
	}

	/**
	 * Checks that the page shows this table between its markers, or writes it there when
	 * the system property {@value #WRITE_PROPERTY} is {@code true}.
	 * @param page the Markdown page
	 * @throws AssertionError if a key has no description, or the page shows another
	 * table, or has no markers for the module
	 */
	public void check(Path page) {
		List<String> undescribed = undescribed();
		if (!undescribed.isEmpty()) {
			throw new AssertionError(this.module + ": settings without a description (a Javadoc @param of their "
					+ "properties record): " + undescribed);
		}
		List<String> unreachable = unreachable();
		if (!unreachable.isEmpty()) {
			throw new AssertionError(this.module + ": settings that the variables shown would not set: " + unreachable);
		}
		String text = ConfigurationPage.readString(page);
		String expected = block();
		String shown = ConfigurationPage.shown(text, this.module);
		if (shown == null) {
			throw new AssertionError(ConfigurationPage.missingMarkers(page, this.module));
		}
		if (Boolean.getBoolean(WRITE_PROPERTY)) {
			if (!shown.equals(expected)) {
				ConfigurationPage.writeString(page, text.replace(shown, expected));
			}
			return;
		}
		if (!shown.equals(expected)) {
			throw new AssertionError(page.normalize() + " does not show " + this.module
					+ "'s settings as its configuration metadata has them. Expected:\n\n" + expected
					+ "\n\nbut the page shows:\n\n" + shown
					+ "\n\nRun the module's ConfigurationDocumentedTests with -D" + WRITE_PROPERTY
					+ "=true to write the expected table.");
		}
	}

	private static String defaultValue(JsonNode value) {
		if (value == null || value.isNull()) {
			return shown("");
		}
		if (value.isArray()) {
			List<String> values = new ArrayList<>();
			value.forEach((element) -> values.add(element.asString()));
			return shown(values.stream().collect(Collectors.joining(",")));
		}
		return shown(value.asString());
	}

	private static String resolved(Object configured) {
		return shown(PLACEHOLDERS.replacePlaceholders(String.valueOf(configured), (name) -> null));
	}

	private static String shown(String value) {
		return value.isEmpty() ? "none" : "`" + value + "`";
	}

	private static boolean isList(String type) {
		return type.startsWith("java.util.List<") || type.startsWith("java.util.Set<")
				|| type.startsWith("java.util.Collection<") || type.endsWith("[]");
	}

	/** A table cell: a pipe would end it. */
	private static String escaped(String cell) {
		return cell.replace("|", "\\|");
	}

	private static JsonNode read(Path json) {
		return JSON.readTree(ConfigurationPage.readString(json));
	}

	private record Row(String key, String variable, String defaultValue, String description, boolean list) {

	}

}
