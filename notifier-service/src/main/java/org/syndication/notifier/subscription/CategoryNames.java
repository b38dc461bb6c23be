package org.syndication.notifier.subscription;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Which category names a subscription may ask for: a slug, or a name that articles came
 * with. Names match case-insensitively, as feeds do.
 */
@Component
class CategoryNames {

	/** Enough for any newsroom's sections; a form with more would be no help. */
	private static final int MAX_KNOWN_CATEGORIES = 200;

	/**
	 * A category name that may be subscribed to before any article comes with it (a
	 * section about to open): lower-case letters and digits in words joined by hyphens,
	 * which no mail client takes for a link. Any other name must be one that articles
	 * came with.
	 */
	private static final Pattern SLUG = Pattern
		.compile("(?=.{1,64}$)[\\p{Ll}\\p{Lo}\\p{N}]+(-[\\p{Ll}\\p{Lo}\\p{N}]+)*");

	private final ArticleCategories articles;

	CategoryNames(ArticleCategories articles) {
		this.articles = articles;
	}

	/**
	 * Refuses names that are neither slugs nor names articles came with.
	 * @param names normalized names
	 * @throws UnknownCategoryException naming those
	 */
	void requireKnown(List<String> names) {
		List<String> unknown = unknown(names.stream().filter((name) -> !SLUG.matcher(name).matches()).toList());
		if (!unknown.isEmpty()) {
			throw new UnknownCategoryException(unknown);
		}
	}

	/** The categories of recent articles, for a sign-up form to offer. */
	List<String> known() {
		return this.articles.first(MAX_KNOWN_CATEGORIES);
	}

	/**
	 * The names among those given that no article came with.
	 * @param names category names in lower case
	 * @return those that are not the name of an article's category, compared in lower
	 * case
	 */
	private List<String> unknown(List<String> names) {
		if (names.isEmpty()) {
			return List.of();
		}
		// Lower-cased here, as subscriptions are, rather than by the database, whose
		// LOWER differs from Java's for some letters (U+0130) on PostgreSQL. A newsroom
		// has hundreds of categories, and the index on them answers DISTINCT.
		Set<String> known = this.articles.all()
			.stream()
			.map((category) -> category.toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		return names.stream().filter((name) -> !known.contains(name)).toList();
	}

	/** Categories match case-insensitively, as feeds do. */
	static List<String> normalize(List<String> categories) {
		if (categories == null) {
			return List.of();
		}
		LinkedHashSet<String> normalized = new LinkedHashSet<>();
		categories.stream()
			.filter((category) -> category != null && !category.isBlank())
			.map((category) -> category.strip().toLowerCase(Locale.ROOT))
			.forEach(normalized::add);
		return List.copyOf(normalized);
	}

}
