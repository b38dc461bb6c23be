package org.syndication.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is a map of at most about 250 lines, and every page of the documentation
 * links only to files that exist and to headings that its target has, as GitHub shows
 * them.
 */
class DocumentationLinksTests {

	private static final int README_MOST_LINES = 260;

	@Test
	void everyRelativeLinkAndAnchorOfTheReadmeAndTheDocsPagesResolves() {
		assertThat(Documentation.pages(Documentation.ROOT)).as("README.md and the pages in docs/")
			.contains(Documentation.ROOT.resolve("README.md"), Documentation.ROOT.resolve("docs/architecture.md"));
		assertThat(Documentation.brokenLinks(Documentation.ROOT)).isEmpty();
	}

	@Test
	void theReadmeStaysAMap() throws IOException {
		List<String> readme = Files.readAllLines(Documentation.ROOT.resolve("README.md"));
		assertThat(readme.size()).as("lines of README.md").isLessThanOrEqualTo(README_MOST_LINES);
		assertThat(readme).as("the two commands, in README.md").contains("./run-local.sh --demo", "./mvnw -B verify");
	}

	@Test
	void everyModuleOfTheBuildIsOnTheReadmesMap() throws IOException {
		String readme = Files.readString(Documentation.ROOT.resolve("README.md"));
		List<String> modules = Files.readAllLines(Documentation.ROOT.resolve("pom.xml"))
			.stream()
			.map(String::strip)
			.filter((line) -> line.startsWith("<module>"))
			.map((line) -> line.replaceAll("</?module>", ""))
			.toList();
		assertThat(modules).contains("ops", "system-tests");
		assertThat(modules)
			.allSatisfy((module) -> assertThat(readme).contains("| [`" + module + "`](" + module + ") |"));
	}

	@Test
	void everyImageOfTheDocsIsShownOnAPage() throws IOException {
		List<String> pages = Documentation.pages(Documentation.ROOT).stream().map(Documentation::read).toList();
		try (Stream<Path> images = Files.list(Documentation.ROOT.resolve("docs/images"))) {
			List<String> shown = images.map((image) -> "(images/" + image.getFileName() + ")").toList();
			assertThat(shown).isNotEmpty();
			assertThat(shown).as("images in docs/images that no page shows")
				.filteredOn((image) -> pages.stream().noneMatch((page) -> page.contains(image)))
				.isEmpty();
		}
	}

	@Test
	void anchorsAreMadeAsGitHubMakesThem() {
		String page = """
				# Syndication
				## The event contract: topic `articles`
				### Health, security and errors
				## The mailbox providers' rules for bulk senders
				## Partners: reading the [articles](partners.md) topic
				```sh
				# Example: not a heading, in a code block
				```
				## Metrics
				### Metrics
				""";
		assertThat(Documentation.anchors(page)).containsExactly("syndication", "the-event-contract-topic-articles",
				"health-security-and-errors", "the-mailbox-providers-rules-for-bulk-senders",
				"partners-reading-the-articles-topic", "metrics", "metrics-1");
	}

	@Test
	void aLinkToAMissingFileOrHeadingIsReported(@TempDir Path root) throws IOException {
		Files.createDirectories(root.resolve("docs/images"));
		Files.writeString(root.resolve("docs/images/trace.png"), "");
		Files.writeString(root.resolve("README.md"),
				"""
						# Syndication
						## Run it: one command
						[Readers](docs/readers.md#feeds), [Operations](docs/operations.md), [up](#run-it-one-command),
						[gone](#test-it-one-command), `[in code](docs/nowhere.md)`, <https://example.org/>, [web](https://example.org/x)
						```
						[in a block](docs/nowhere.md)
						```
						""");
		Files.writeString(root.resolve("docs/readers.md"), """
				# Readers
				## Feeds
				![A trace](images/trace.png) ![Missing](images/missing.png) [Back](../README.md#run-it-one-command)
				[Archives](#archives) [Out](../../elsewhere.md)
				""");
		assertThat(Documentation.brokenLinks(root)).containsExactly("README.md:3: (docs/operations.md) no such file",
				"README.md:4: (#test-it-one-command) no heading with the anchor #test-it-one-command in README.md",
				"docs/readers.md:3: (images/missing.png) no such file",
				"docs/readers.md:4: (#archives) no heading with the anchor #archives in docs/readers.md",
				"docs/readers.md:4: (../../elsewhere.md) leaves the repository");
	}

}
