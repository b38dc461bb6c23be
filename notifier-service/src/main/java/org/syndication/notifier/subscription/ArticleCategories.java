package org.syndication.notifier.subscription;

import java.util.List;

/**
 * The categories that articles came with, as the articles' owner records them: what a
 * sign-up form offers, and what a category name that is not a slug must be one of.
 */
public interface ArticleCategories {

	/** Every category name an article came with, as it came, each once. */
	List<String> all();

	/** The category names articles came with, alphabetically; at most {@code limit}. */
	List<String> first(int limit);

}
