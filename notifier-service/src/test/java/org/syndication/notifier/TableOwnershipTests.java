package org.syndication.notifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each table has one owning package: only the owner's SQL writes it, and a table of
 * another package is read only where a single set-based statement must join it (a fan-out
 * or a digest run over a million subscribers cannot load them through the owner), as
 * listed here with the reason. SQL lives in repositories alone. Read from the main
 * sources: the string literals (text blocks included) that name a table after
 * {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE} or {@code TABLE}.
 */
class TableOwnershipTests {

	private static final Path SOURCES = Path.of("src/main/java/org/syndication/notifier");

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	/** Which package owns each table. */
	private static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("subscriber", "subscription"),
			Map.entry("subscriber_category", "subscription"), Map.entry("suppression", "subscription"),
			Map.entry("confirmation_cooldown", "subscription"), Map.entry("rate_limit_bucket", "subscription"),
			Map.entry("mail_delivery", "delivery"), Map.entry("digest_item", "delivery"),
			Map.entry("article_alert", "alert"), Map.entry("article_category", "alert"),
			Map.entry("alert_fanout", "alert"), Map.entry("alert_fanout_category", "alert"),
			Map.entry("bounce_report", "bounce"));

	/**
	 * Tables that libraries keep: ShedLock's locks, the consumer positions of
	 * service-web.
	 */
	private static final Set<String> LIBRARY_TABLES = Set.of("shedlock", "consumer_position");

	/**
	 * Tables a package reads in place, inside statements that must stay single and
	 * set-based, as "package table".
	 */
	private static final Set<String> JOINED_READS = Set.of(
			// Queueing alerts and digests, and reading a claimed chunk with what
			// composing
			// its mails needs: one statement per chunk of subscribers or mails.
			"delivery subscriber", "delivery subscriber_category", "delivery suppression", "delivery article_alert",
			"delivery article_category",
			// Who is owed a digest: a page of subscribers along the index, without a
			// digest
			// for the period yet.
			"digest subscriber", "digest mail_delivery",
			// Temporary failures since the subscriber last confirmed; an article's
			// bounces
			// counted over its mails.
			"bounce subscriber", "bounce mail_delivery");

	private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"",
			Pattern.DOTALL);

	private static final Pattern TABLE = Pattern.compile("\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+([a-z_]+)\\b");

	private static final Pattern WRITE = Pattern
		.compile("\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO)\\s+([a-z_]+)\\b");

	private static final Pattern CREATE = Pattern.compile("CREATE TABLE ([a-z_]+)");

	@Test
	void everyTableHasAnOwner() {
		Set<String> created = new TreeSet<>();
		for (Path migration : files(MIGRATIONS, ".sql")) {
			Matcher matcher = CREATE.matcher(read(migration));
			while (matcher.find()) {
				created.add(matcher.group(1));
			}
		}
		created.removeAll(LIBRARY_TABLES);
		assertThat(created).isEqualTo(new TreeSet<>(OWNERS.keySet()));
	}

	@Test
	void onlyTheOwnerWritesATable() {
		assertThat(statements().stream()
			.flatMap((statement) -> tables(WRITE, statement.sql()).stream()
				.filter((table) -> !statement.writer().equals(OWNERS.get(table)))
				.map((table) -> statement.file() + " writes " + table))
			.toList()).isEmpty();
	}

	@Test
	void anotherPackagesTableIsReadOnlyInTheListedJoins() {
		List<String> reads = statements().stream()
			.flatMap((statement) -> tables(TABLE, statement.sql()).stream()
				.filter((table) -> !statement.writer().equals(OWNERS.get(table)))
				.map((table) -> statement.writer() + " " + table + " " + statement.file()))
			.toList();
		assertThat(reads)
			.allSatisfy((read) -> assertThat(JOINED_READS).as(read).contains(read.substring(0, read.lastIndexOf(' '))));
		// A listed read that no statement makes any more is taken off the list.
		assertThat(reads.stream().map((read) -> read.substring(0, read.lastIndexOf(' '))).collect(Collectors.toSet()))
			.containsAll(JOINED_READS);
	}

	@Test
	void sqlLivesInRepositories() {
		assertThat(statements().stream()
			.filter((statement) -> !read(SOURCES.resolve(statement.file())).contains("\n@Repository\n"))
			.map(Statement::file)
			.distinct()
			.toList()).isEmpty();
	}

	private static List<Statement> statements() {
		List<Statement> statements = new ArrayList<>();
		for (Path file : files(SOURCES, ".java")) {
			Path relative = SOURCES.relativize(file);
			if (relative.getNameCount() < 2) {
				// The application class and the shared settings hold no SQL.
				assertThat(tables(TABLE, strings(read(file)))).as(relative.toString()).isEmpty();
				continue;
			}
			String writer = relative.getName(0).toString();
			String sql = strings(read(file));
			if (!tables(TABLE, sql).isEmpty()) {
				statements.add(new Statement(relative.toString(), writer, sql));
			}
		}
		return statements;
	}

	/**
	 * The tables named in SQL after the keywords of the pattern, as named in the schema.
	 */
	private static Set<String> tables(Pattern pattern, String sql) {
		Set<String> tables = new TreeSet<>();
		Matcher matcher = pattern.matcher(sql);
		while (matcher.find()) {
			String name = matcher.group(2).toLowerCase(Locale.ROOT);
			if (OWNERS.containsKey(name) || LIBRARY_TABLES.contains(name)) {
				tables.add(name);
			}
		}
		return tables;
	}

	/** Every string literal of a source, one per line. */
	private static String strings(String source) {
		StringBuilder strings = new StringBuilder();
		Matcher matcher = STRING.matcher(source.replaceAll("(?m)^\\s*(//|\\*|/\\*\\*).*$", ""));
		while (matcher.find()) {
			strings.append((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2)).append('\n');
		}
		return strings.toString();
	}

	private static List<Path> files(Path directory, String suffix) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The SQL a source file holds, and the package it belongs to. */
	private record Statement(String file, String writer, String sql) {

	}

}
