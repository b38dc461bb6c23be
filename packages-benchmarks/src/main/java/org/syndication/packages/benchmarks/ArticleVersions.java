package org.syndication.packages.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.syndication.events.ArticleEventType;
import org.syndication.packages.definition.PackageDefinition;

/**
 * The records one article of the {@link ArticleBacklog} gets, planned from the backlog's
 * random source: what each version is about, and the packages its rules put it in.
 */
final class ArticleVersions {

	private ArticleVersions() {
	}

	/** One article's records: published, edited 0 to 4 times, and maybe retracted. */
	static List<Version> of(Random random, List<PackageDefinition> definitions) {
		List<Version> versions = new ArrayList<>();
		Version current = drawn(random, definitions, 1, ArticleEventType.PUBLISHED);
		versions.add(current);
		int edits = pick(random, new int[] { 45, 25, 15, 10, 5 });
		for (int edit = 0; edit < edits; edit++) {
			long number = current.number() + 1;
			// A quarter of the edits change what the article is about, in or out of
			// packages; the others its text.
			current = (random.nextInt(4) == 0) ? drawn(random, definitions, number, ArticleEventType.UPDATED)
					: new Version(number, ArticleEventType.UPDATED, current.categories(), current.language(),
							current.authors(), current.packages());
			versions.add(current);
		}
		if (random.nextInt(100) < 4) {
			versions.add(new Version(current.number() + 1, ArticleEventType.RETRACTED, current.categories(),
					current.language(), current.authors(), current.packages()));
			versions.add(new Version(current.number() + 1, null, List.of(), null, List.of(), Set.of()));
		}
		return versions;
	}

	private static Version drawn(Random random, List<PackageDefinition> definitions, long number,
			ArticleEventType type) {
		while (true) {
			List<String> categories = new ArrayList<>();
			int count = pick(random, new int[] { 10, 55, 30, 5 });
			while (categories.size() < count) {
				String category = BenchmarkPackages.CATEGORIES.get(random.nextInt(BenchmarkPackages.CATEGORIES.size()));
				if (!categories.contains(category)) {
					categories.add(category);
				}
			}
			String language = List.of("en", "en", "en", "en", "en-GB", "de", "de", "fr", "fr", "es")
				.get(random.nextInt(10));
			List<String> authors = new ArrayList<>();
			int authorCount = (random.nextInt(5) == 0) ? 2 : 1;
			while (authors.size() < authorCount) {
				String author = (random.nextInt(100) < 8)
						? BenchmarkPackages.COLUMNISTS.get(random.nextInt(BenchmarkPackages.COLUMNISTS.size()))
						: BenchmarkPackages.REPORTERS.get(random.nextInt(BenchmarkPackages.REPORTERS.size()));
				if (!authors.contains(author)) {
					authors.add(author);
				}
			}
			Set<String> packages = BenchmarkPackages.matching(categories, language, authors);
			if (packages.size() > ArticleBacklog.MAX_PACKAGES) {
				continue;
			}
			// The service's own reading of the rules must agree with the benchmark's, or
			// the expected counts would be wrong before anything is measured.
			Set<String> theirs = new TreeSet<>();
			for (PackageDefinition definition : definitions) {
				if (definition.matches(categories, language, authors)) {
					theirs.add(definition.name());
				}
			}
			if (!theirs.equals(packages)) {
				throw new IllegalStateException(
						"The benchmark reads the rules as " + packages + ", the package definitions as " + theirs
								+ " for " + categories + ", " + language + ", " + authors);
			}
			return new Version(number, type, List.copyOf(categories), language, List.copyOf(authors), packages);
		}
	}

	private static int pick(Random random, int[] weights) {
		int total = 0;
		for (int weight : weights) {
			total += weight;
		}
		int draw = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			draw -= weights[i];
			if (draw < 0) {
				return i;
			}
		}
		throw new IllegalStateException("unreachable");
	}

	/**
	 * One record of an article, planned.
	 *
	 * @param type {@code null} for the tombstone after a retraction
	 * @param packages the packages its rules put this version in
	 */
	record Version(long number, ArticleEventType type, List<String> categories, String language, List<String> authors,
			Set<String> packages) {

	}

}
