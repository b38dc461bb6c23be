package org.syndication.notifier.subscription;

import java.util.List;

/**
 * A sign-up named categories that no article has come with and that are not plain slugs
 * ({@code local-news}). Only the newsroom's own categories may be named freely: a name is
 * shown in the confirmation mail, which goes to an address that has agreed to nothing
 * yet.
 */
class UnknownCategoryException extends IllegalArgumentException {

	private final List<String> names;

	UnknownCategoryException(List<String> names) {
		super("Neither a slug nor a category of any article: " + names.size() + " of the names");
		this.names = List.copyOf(names);
	}

	List<String> names() {
		return this.names;
	}

}
