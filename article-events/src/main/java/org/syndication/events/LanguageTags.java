package org.syndication.events;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for an article's {@code language}, a BCP 47 tag, as the publisher accepts it
 * and every reader of the topic compares it: one canonical form, and RFC 4647 basic
 * filtering for language ranges such as a feed's or a package's {@code en}, which takes
 * in {@code en-GB} as well.
 */
public final class LanguageTags {

	/** The longest tag accepted, as the publisher allows and the feed stores. */
	public static final int MAX_LENGTH = 35;

	private LanguageTags() {
	}

	/**
	 * A well-formed tag in its canonical case: {@code en-gb} gives {@code en-GB},
	 * {@code ZH-hant} gives {@code zh-Hant}.
	 * @param tag a tag in any case, possibly {@code null}
	 * @return empty if the tag is missing, blank, longer than {@value #MAX_LENGTH}
	 * characters or not well-formed
	 */
	public static Optional<String> canonical(String tag) {
		if (tag == null || tag.isBlank() || tag.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			// The builder, unlike Locale.forLanguageTag, refuses what is not well-formed.
			return Optional.of(new Locale.Builder().setLanguageTag(tag.strip()).build().toLanguageTag());
		}
		catch (IllformedLocaleException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The ranges that take in a tag by basic filtering: the tag itself and each shorter
	 * prefix that is a tag of its own, so that {@code en-GB} gives {@code en} and
	 * {@code en-GB}, and {@code en-x-twain} gives {@code en} and {@code en-x-twain} (a
	 * prefix ending in a singleton such as {@code x} is no tag).
	 * @param tag a tag in any case, possibly {@code null} or malformed
	 * @return the ranges in canonical case, longest last; none if the tag is not
	 * well-formed
	 */
	public static List<String> ranges(String tag) {
		Optional<String> canonical = canonical(tag);
		if (canonical.isEmpty()) {
			return List.of();
		}
		List<String> ranges = new ArrayList<>();
		StringBuilder prefix = new StringBuilder();
		for (String subtag : canonical.get().split("-")) {
			if (!prefix.isEmpty()) {
				prefix.append('-');
			}
			prefix.append(subtag);
			canonical(prefix.toString()).filter((name) -> name.equalsIgnoreCase(prefix.toString()))
				.ifPresent(ranges::add);
		}
		return List.copyOf(ranges);
	}

	/**
	 * Whether a tag is in a language range by basic filtering, ignoring case: {@code en}
	 * takes in {@code en}, {@code en-GB} and {@code en-x-twain}, not {@code eng}.
	 * @param tag the article's tag, possibly {@code null}
	 * @param range the range, such as {@code en} or {@code zh-Hant}
	 * @return whether the tag is in the range
	 */
	public static boolean inRange(String tag, String range) {
		if (tag == null || range == null) {
			return false;
		}
		String strippedTag = tag.strip();
		String strippedRange = range.strip();
		return strippedTag.equalsIgnoreCase(strippedRange)
				|| (strippedTag.length() > strippedRange.length() && strippedTag.charAt(strippedRange.length()) == '-'
						&& strippedTag.regionMatches(true, 0, strippedRange, 0, strippedRange.length()));
	}

}
