package org.syndication.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
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
		List<PropertySource<?>> yaml = yaml(applicationYaml);
		Map<String, Object> configured = configured(yaml);
		List<Row> rows = new ArrayList<>();
		for (JsonNode property : read(metadata).path("properties")) {
			String name = property.path("name").asString();
			String type = property.path("type").asString("");
			Object value = configured.get(name);
			Matcher placeholder = VARIABLE.matcher(String.valueOf(value));
			String variable = (value != null && placeholder.matches()) ? placeholder.group(1) : variable(name, type);
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
			.filter((row) -> !row.variable().endsWith("_*") && !reaches(row.variable(), row.key(), this.yaml))
			.map(Row::key)
			.toList();
	}

	/**
	 * The table as the page shows it, with its marker lines.
	 * @return the Markdown block
	 */
	public String block() {
		StringBuilder block = new StringBuilder(startMarker(this.module)).append("\n\n");
		block.append("| Variable | Default | Meaning |\n|---|---|---|\n");
		for (Row row : this.rows) {
			block.append("| `")
				.append(row.variable())
				.append("` | ")
				.append(escaped(row.defaultValue()))
				.append(" | ")
				.append(escaped(meaning(row.description(), row.list())))
				.append(" |\n");
		}
		return block.append('\n').append(endMarker(this.module)).toString();
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
		String text = readString(page);
		String expected = block();
		String shown = shown(text, this.module);
		if (shown == null) {
			throw new AssertionError(missingMarkers(page));
		}
		if (Boolean.getBoolean(WRITE_PROPERTY)) {
			if (!shown.equals(expected)) {
				writeString(page, text.replace(shown, expected));
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

	/**
	 * The module's table as a page shows it, with its marker lines.
	 * @param page the page's text
	 * @param module the module
	 * @return the block, or {@code null} if the page has no pair of markers for the
	 * module
	 * @throws AssertionError if the page has the markers more than once
	 */
	static String shown(String page, String module) {
		String start = startMarker(module);
		String end = endMarker(module);
		int from = page.indexOf(start);
		int to = (from >= 0) ? page.indexOf(end, from) : -1;
		if (from < 0 || to < 0) {
			return null;
		}
		if (page.indexOf(start, from + 1) >= 0) {
			throw new AssertionError("The configuration page has more than one " + start);
		}
		return page.substring(from, to + end.length());
	}

	/**
	 * The environment variable that sets a key: upper case, with dots and dashes turned
	 * to underscores, as Spring Boot's relaxed binding reads it; a map's entries add
	 * their key to it.
	 * @param key the property's name
	 * @param type the property's type, as the metadata gives it
	 * @return the variable
	 */
	static String variable(String key, String type) {
		String variable = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
		return type.startsWith("java.util.Map<") ? variable + "_*" : variable;
	}

	/**
	 * Whether Spring Boot binds the key to the value of the environment variable, with
	 * application.yml's settings below the environment as at run time.
	 */
	static boolean reaches(String variable, String key, List<PropertySource<?>> yaml) {
		List<PropertySource<?>> sources = new ArrayList<>();
		sources.add(new SystemEnvironmentPropertySource("environment", Map.of(variable, "set")));
		sources.addAll(yaml);
		return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
			.bind(key, String.class)
			.map("set"::equals)
			.orElse(false);
	}

	/**
	 * A Javadoc {@code @param} text as a sentence of the table: inline tags turned to
	 * Markdown, the first letter capital; a list says how its values are written.
	 * @param description the description the metadata gives
	 * @param list whether the key takes a list of values
	 * @return the text
	 */
	static String meaning(String description, boolean list) {
		String text = inlineTags(description).replaceAll("\\s+", " ").strip();
		if (!text.isEmpty()) {
			text = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
		}
		return list ? text + "; comma-separated" : text;
	}

	private static String inlineTags(String javadoc) {
		StringBuilder text = new StringBuilder();
		int i = 0;
		while (i < javadoc.length()) {
			int tag = javadoc.indexOf("{@", i);
			if (tag < 0) {
				text.append(javadoc, i, javadoc.length());
				break;
			}
			text.append(javadoc, i, tag);
			int end = closingBrace(javadoc, tag);
			String[] parts = javadoc.substring(tag + 2, end).split("\\s+", 2);
			String content = (parts.length > 1) ? parts[1].strip() : "";
			switch (parts[0]) {
				case "code" -> text.append('`').append(content).append('`');
				case "link", "linkplain" -> {
					String[] reference = content.split("\\s+", 2);
					text.append((reference.length > 1) ? reference[1]
							: "`" + reference[0].replaceFirst("^#", "").replace('#', '.') + "`");
				}
				default -> text.append(content);
			}
			i = end + 1;
		}
		return text.toString();
	}

	/** The brace that closes the inline tag opening at {@code start}; braces nest. */
	private static int closingBrace(String javadoc, int start) {
		int depth = 0;
		for (int i = start; i < javadoc.length(); i++) {
			char c = javadoc.charAt(i);
			if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return i;
			}
		}
		throw new IllegalArgumentException("An inline tag that is not closed: " + javadoc.substring(start));
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

	/** application.yml's documents, or none where it does not exist. */
	private static List<PropertySource<?>> yaml(Path applicationYaml) {
		if (!Files.isRegularFile(applicationYaml)) {
			return List.of();
		}
		try {
			return List.copyOf(
					new YamlPropertySourceLoader().load("application.yml", new FileSystemResource(applicationYaml)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The settings application.yml gives, by their names. */
	private static Map<String, Object> configured(List<PropertySource<?>> yaml) {
		Map<String, Object> configured = new LinkedHashMap<>();
		for (PropertySource<?> source : yaml) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					configured.putIfAbsent(name, enumerable.getProperty(name));
				}
			}
		}
		return configured;
	}

	private static JsonNode read(Path json) {
		return JSON.readTree(readString(json));
	}

	private static String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeString(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String missingMarkers(Path page) {
		return page.normalize() + " has no place for " + this.module + "'s settings: put the lines "
				+ startMarker(this.module) + " and " + endMarker(this.module) + " where its table goes";
	}

	private static String startMarker(String module) {
		return "<!-- configuration:" + module + " -->";
	}

	private static String endMarker(String module) {
		return "<!-- /configuration:" + module + " -->";
	}

	private record Row(String key, String variable, String defaultValue, String description, boolean list) {

	}

}
