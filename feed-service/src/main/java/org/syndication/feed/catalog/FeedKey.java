package org.syndication.feed.catalog;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.syndication.events.LanguageTags;

import org.springframework.web.util.UriUtils;

/**
 * Names one feed: every article, one category, one author or one language. Category names
 * match case-insensitively; author names become URL slugs ({@code Ada Lovelace} →
 * {@code ada-lovelace}, {@code 李娜} stays {@code 李娜}); language tags are BCP 47 tags in
 * lower case ({@code en-GB} → {@code en-gb}).
 */
public record FeedKey(Kind kind, String slug) {

	private static final int MAX_SLUG = 300;

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern TRAILING_DASHES = Pattern.compile("-+$");

	public enum Kind {

		ALL, CATEGORY, AUTHOR, LANGUAGE

	}

	public static FeedKey all() {
		return new FeedKey(Kind.ALL, "");
	}

	public static FeedKey category(String name) {
		return new FeedKey(Kind.CATEGORY, name.strip().toLowerCase(Locale.ROOT));
	}

	public static FeedKey author(String name) {
		return new FeedKey(Kind.AUTHOR, slugify(name));
	}

	/** The key of an author feed from the slug in its URL. */
	public static FeedKey authorSlug(String slug) {
		return new FeedKey(Kind.AUTHOR, slug.toLowerCase(Locale.ROOT));
	}

	/**
	 * The key of a language feed.
	 * @param tag a BCP 47 tag in any case, such as {@code en-GB} or {@code zh-hant}
	 * @return empty if the tag is not well-formed
	 */
	public static Optional<FeedKey> language(String tag) {
		return LanguageTags.canonical(tag)
			.map((canonical) -> new FeedKey(Kind.LANGUAGE, canonical.toLowerCase(Locale.ROOT)));
	}

	/**
	 * The language feeds an article in this language is in, by RFC 4647 basic filtering:
	 * the feed of its full tag and of each shorter prefix that is a tag itself, so that
	 * {@code en-GB} is in {@code en-gb} and {@code en}. Each with its display name, the
	 * tag in its canonical case.
	 * @param tag the article's tag, possibly {@code null} or malformed in old events
	 * @return the feeds, longest tag last; none if the tag is not well-formed
	 */
	static List<Named> languages(String tag) {
		return LanguageTags.ranges(tag)
			.stream()
			.map((range) -> new Named(new FeedKey(Kind.LANGUAGE, range.toLowerCase(Locale.ROOT)), range))
			.toList();
	}

	/** The key as stored, e.g. {@code category:politics}. */
	public String storageKey() {
		return switch (this.kind) {
			case ALL -> "all";
			case CATEGORY -> "category:" + this.slug;
			case AUTHOR -> "author:" + this.slug;
			case LANGUAGE -> "language:" + this.slug;
		};
	}

	/**
	 * The path of the feed's folder below {@code /feeds/}, e.g.
	 * {@code categories/politics/}.
	 */
	public String path() {
		return switch (this.kind) {
			case ALL -> "";
			case CATEGORY -> "categories/" + segment(this.slug) + "/";
			case AUTHOR -> "authors/" + segment(this.slug) + "/";
			case LANGUAGE -> "languages/" + segment(this.slug) + "/";
		};
	}

	/**
	 * A name as a path segment. A {@code ;} is encoded too, though a segment may have it:
	 * a plain one starts path parameters, which the firewall refuses.
	 */
	private static String segment(String name) {
		return UriUtils.encodePathSegment(name, StandardCharsets.UTF_8).replace(";", "%3B");
	}

	/** The key of a feed as stored, if it is one. */
	public static Optional<FeedKey> fromStorageKey(String key) {
		if (key.equals("all")) {
			return Optional.of(all());
		}
		if (key.startsWith("category:")) {
			return Optional.of(new FeedKey(Kind.CATEGORY, key.substring("category:".length())));
		}
		if (key.startsWith("author:")) {
			return Optional.of(new FeedKey(Kind.AUTHOR, key.substring("author:".length())));
		}
		if (key.startsWith("language:")) {
			return Optional.of(new FeedKey(Kind.LANGUAGE, key.substring("language:".length())));
		}
		return Optional.empty();
	}

	static String slugify(String name) {
		String decomposed = MARKS.matcher(Normalizer.normalize(name.strip(), Normalizer.Form.NFKD))
			.replaceAll("")
			.toLowerCase(Locale.ROOT);
		StringBuilder slug = new StringBuilder();
		decomposed.codePoints().forEach((c) -> {
			if (Character.isLetterOrDigit(c)) {
				slug.appendCodePoint(c);
			}
			else if (!slug.isEmpty() && slug.charAt(slug.length() - 1) != '-') {
				slug.append('-');
			}
		});
		String result = TRAILING_DASHES.matcher(slug).replaceAll("");
		return (result.length() > MAX_SLUG) ? result.substring(0, MAX_SLUG) : result;
	}

	/** A feed and its display name. */
	record Named(FeedKey key, String name) {

	}

}
