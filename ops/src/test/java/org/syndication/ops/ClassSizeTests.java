package org.syndication.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No class of the main code grows past 250 lines without saying why: a class that keeps
 * growing with each feature is doing the feature's job in the wrong place. A longer one
 * states its reason in a comment that begins {@value #REASON}.
 */
class ClassSizeTests {

	private static final int MOST_LINES = 250;

	private static final String REASON = "Over 250 lines because";

	@Test
	void noMainClassIsOver250LinesWithoutAStatedReason() {
		assertThat(mainSources(Documentation.ROOT)).as("main classes of the modules").isNotEmpty();
		assertThat(tooLong(Documentation.ROOT)).as("main classes over %d lines without \"%s …\"", MOST_LINES, REASON)
			.isEmpty();
	}

	@Test
	void aLongClassIsFoundUnlessItStatesWhy(@TempDir Path root) throws IOException {
		Path sources = Files.createDirectories(root.resolve("module/src/main/java/org/example"));
		Files.writeString(sources.resolve("Short.java"), "class Short {\n}\n".repeat(10));
		Files.writeString(sources.resolve("Long.java"), "class Long {\n}\n".repeat(126));
		Files.writeString(sources.resolve("Explained.java"),
				"/** " + REASON + " it is a table. */\n" + "class Explained {\n}\n".repeat(126));
		Files.writeString(Files.createDirectories(root.resolve("module/src/test/java")).resolve("LongTests.java"),
				"class LongTests {\n}\n".repeat(126));
		assertThat(tooLong(root)).containsExactly("module/src/main/java/org/example/Long.java (252 lines)");
	}

	private static List<String> tooLong(Path root) {
		return mainSources(root).stream().filter((source) -> {
			List<String> lines = lines(source);
			return lines.size() > MOST_LINES && lines.stream().noneMatch((line) -> line.contains(REASON));
		}).map((source) -> root.relativize(source) + " (" + lines(source).size() + " lines)").sorted().toList();
	}

	private static List<Path> mainSources(Path root) {
		try (Stream<Path> modules = Files.list(root)) {
			return modules.map((module) -> module.resolve("src/main/java"))
				.filter(Files::isDirectory)
				.flatMap(ClassSizeTests::javaFiles)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Stream<Path> javaFiles(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> lines(Path source) {
		try {
			return Files.readAllLines(source);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
