package org.syndication.feed.documents;

import java.util.Locale;

import org.syndication.events.LanguageTags;
import org.syndication.feed.catalog.FeedKey;

/**
 * What readers are told about a language feed. Both come from the feed's key rather than
 * the name stored with it, so a feed reads the same whichever article created it.
 */
public final class LanguageNames {

	private LanguageNames() {
	}

	/** The feed's tag in its canonical case, e.g. {@code en-GB} for {@code en-gb}. */
	public static String tag(FeedKey key) {
		return LanguageTags.canonical(key.slug()).orElse(key.slug());
	}

	/**
	 * The language's English name, e.g. {@code English (United Kingdom)}, or the tag when
	 * Java knows no name for it.
	 */
	public static String displayName(FeedKey key) {
		String name = Locale.forLanguageTag(key.slug()).getDisplayName(Locale.ENGLISH);
		return name.isBlank() ? tag(key) : name;
	}

}
