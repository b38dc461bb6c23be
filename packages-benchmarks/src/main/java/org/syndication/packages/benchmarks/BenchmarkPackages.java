package org.syndication.packages.benchmarks;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.syndication.packages.definition.PackageDefinition;
import org.syndication.packages.definition.PackageFormat;

/**
 * The ten packages of the routing benchmark, and the vocabulary the benchmark's articles
 * are written in: a few packages by category, some by category in one language, one by
 * language alone, one by author.
 */
final class BenchmarkPackages {

	static final List<String> CATEGORIES = List.of("politics", "business", "economy", "sport", "culture", "arts",
			"science", "technology", "health", "world", "travel", "weather");

	static final List<String> COLUMNISTS = List.of("Ada Lovelace", "Grace Hopper", "Edsger Dijkstra");

	static final List<String> REPORTERS = List.of("A. Reporter", "B. Writer", "C. Correspondent", "D. Editor",
			"E. Stringer", "F. Freelancer", "G. Photographer", "H. Analyst", "I. Critic");

	static final List<Rule> RULES = List.of(new Rule("politics", Set.of("politics"), Set.of(), Set.of()),
			new Rule("business", Set.of("business", "economy"), Set.of(), Set.of()),
			new Rule("sport-en", Set.of("sport"), Set.of("en"), Set.of()),
			new Rule("sport-de", Set.of("sport"), Set.of("de"), Set.of()),
			new Rule("culture", Set.of("culture", "arts"), Set.of(), Set.of()),
			new Rule("science-tech", Set.of("science", "technology"), Set.of(), Set.of()),
			new Rule("francais", Set.of(), Set.of("fr"), Set.of()),
			new Rule("columnists", Set.of(), Set.of(), Set.copyOf(COLUMNISTS)),
			new Rule("health-en", Set.of("health"), Set.of("en"), Set.of()),
			new Rule("world-de", Set.of("world"), Set.of("de"), Set.of()));

	private BenchmarkPackages() {
	}

	static List<String> names() {
		return RULES.stream().map(Rule::name).toList();
	}

	static List<PackageDefinition> definitions() {
		return RULES.stream().map(Rule::definition).toList();
	}

	/**
	 * The packages an article's version belongs in, by the benchmark's own reading of the
	 * rules: the articles use the rules' values exactly, so that no case folding is
	 * needed here.
	 * @return the names
	 */
	static Set<String> matching(List<String> categories, String language, List<String> authors) {
		Set<String> names = new TreeSet<>();
		for (Rule rule : RULES) {
			if (rule.matches(categories, language, authors)) {
				names.add(rule.name());
			}
		}
		return names;
	}

	/**
	 * A package's rule, in the benchmark's own terms.
	 *
	 * @param name the package
	 * @param categories any of them, or empty
	 * @param languages language ranges, any of them, or empty
	 * @param authors any of them, or empty
	 */
	record Rule(String name, Set<String> categories, Set<String> languages, Set<String> authors) {

		boolean matches(List<String> articleCategories, String language, List<String> articleAuthors) {
			boolean category = this.categories.isEmpty()
					|| articleCategories.stream().anyMatch(this.categories::contains);
			boolean inLanguage = this.languages.isEmpty() || this.languages.stream()
				.anyMatch((range) -> language.equals(range) || language.startsWith(range + "-"));
			boolean author = this.authors.isEmpty() || articleAuthors.stream().anyMatch(this.authors::contains);
			return category && inLanguage && author;
		}

		PackageDefinition definition() {
			return new PackageDefinition(this.name, this.categories, this.languages, this.authors,
					PackageFormat.EVENTS);
		}

	}

}
