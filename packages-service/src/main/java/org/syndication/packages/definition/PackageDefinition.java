package org.syndication.packages.definition;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.syndication.events.LanguageTags;

/**
 * A package as an operator defines it: the articles that meet its rule, in its format.
 * <p>
 * The rule names categories, languages and authors. An article meets a kind of value if
 * it has any of the values named (a kind left empty does not restrict), and it meets the
 * rule if it meets every kind the rule names. Values are compared without regard to case;
 * a language is a BCP 47 range, so {@code en} takes in {@code en-GB} as well.
 *
 * @param name the package's name, which its topic is named after: 1 to
 * {@value #MAX_NAME_LENGTH} lowercase letters, digits, {@code -} or {@code _}, starting
 * with a letter or digit
 * @param categories categories of which an article must have one, or empty
 * @param languages languages of which an article must be in one, or empty
 * @param authors authors of whom one must have written the article, or empty
 * @param format what the package's topic holds
 */
@JsonPropertyOrder({ "name", "categories", "languages", "authors", "format" })
public record PackageDefinition(String name, Set<String> categories, Set<String> languages, Set<String> authors,
		PackageFormat format) {

	/** The longest name a package can have. */
	public static final int MAX_NAME_LENGTH = 64;

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

	/**
	 * Checks the definition.
	 * @throws IllegalArgumentException if the name is missing or not of the allowed
	 * shape, if a rule value is blank, if the rule names no value at all, or if the
	 * format is missing
	 */
	public PackageDefinition {
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException("A package needs a name");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException(
					"Package name '" + name + "' is longer than " + MAX_NAME_LENGTH + " characters");
		}
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Package name '" + name
					+ "' must be lowercase letters, digits, '-' or '_', starting with a letter or digit");
		}
		categories = values(name, "category", categories);
		languages = values(name, "language", languages);
		authors = values(name, "author", authors);
		if (categories.isEmpty() && languages.isEmpty() && authors.isEmpty()) {
			throw new IllegalArgumentException(
					"Package '" + name + "' names no category, language or author: its rule would take every article");
		}
		if (format == null) {
			throw new IllegalArgumentException("Package '" + name + "' needs a format: events, ninjs or ninjs-2.2");
		}
	}

	/**
	 * Whether an article meets this package's rule.
	 * @param categories the article's categories
	 * @param language the article's language tag, or {@code null}
	 * @param authors the article's authors
	 * @return whether the article belongs in the package
	 */
	public boolean matches(Collection<String> categories, String language, Collection<String> authors) {
		return anyOf(this.categories, categories) && inLanguage(language) && anyOf(this.authors, authors);
	}

	private boolean inLanguage(String language) {
		if (this.languages.isEmpty()) {
			return true;
		}
		return this.languages.stream().anyMatch((range) -> LanguageTags.inRange(language, range));
	}

	private static boolean anyOf(Set<String> wanted, Collection<String> present) {
		if (wanted.isEmpty()) {
			return true;
		}
		Set<String> normalizedWanted = new TreeSet<>();
		wanted.forEach((value) -> normalizedWanted.add(normalized(value)));
		return present.stream()
			.filter(Objects::nonNull)
			.map(PackageDefinition::normalized)
			.anyMatch(normalizedWanted::contains);
	}

	private static String normalized(String value) {
		return value.strip().toLowerCase(Locale.ROOT);
	}

	private static Set<String> values(String name, String kind, Set<String> values) {
		if (values == null) {
			return Set.of();
		}
		for (String value : values) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException("Package '" + name + "' names a blank " + kind);
			}
		}
		// Sorted, so that a definition is written the same way each time.
		return Collections.unmodifiableSortedSet(new TreeSet<>(values));
	}

}
