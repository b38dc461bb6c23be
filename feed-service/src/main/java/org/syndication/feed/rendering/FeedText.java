package org.syndication.feed.rendering;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Text hygiene shared by all formats. Articles written before the publisher cleaned its
 * input may still carry control characters, and a single one makes an XML feed
 * unparseable for every reader.
 */
final class FeedText {

	// RFC 4287 atomLanguageTag; RSS and JSON Feed readers expect the same shape
	private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");

	private FeedText() {
	}

	/**
	 * Removes what XML 1.0 forbids (C0 controls other than tab, newline and carriage
	 * return, lone surrogates, U+FFFE and U+FFFF) and what it discourages as invisible
	 * controls (DEL and C1).
	 * @param value any text, or {@code null}
	 * @return the text without those characters, or {@code null}
	 */
	static String clean(String value) {
		if (value == null) {
			return null;
		}
		for (int i = 0; i < value.length();) {
			int codePoint = value.codePointAt(i);
			if (!allowed(codePoint)) {
				return strip(value);
			}
			i += Character.charCount(codePoint);
		}
		return value;
	}

	private static String strip(String value) {
		StringBuilder cleaned = new StringBuilder(value.length());
		value.codePoints().filter(FeedText::allowed).forEach(cleaned::appendCodePoint);
		return cleaned.toString();
	}

	private static boolean allowed(int codePoint) {
		return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD || (codePoint >= 0x20 && codePoint < 0x7F)
				|| (codePoint > 0x9F && codePoint <= 0xD7FF) || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
				|| (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
	}

	static FeedChannel clean(FeedChannel channel) {
		return new FeedChannel(clean(channel.id()), clean(channel.title()), clean(channel.description()),
				clean(channel.baseUrl()), clean(channel.alternateUrl()), clean(channel.language()), channel.updated(),
				channel.ttl(), clean(channel.generator()), clean(channel.hubUrl()), channel.history());
	}

	static FeedItem clean(FeedItem item) {
		return new FeedItem(item.id(), clean(item.title()), clean(item.summary()), clean(item.contentHtml()),
				clean(item.url()), clean(item.authors()), clean(item.categories()), clean(item.language()),
				item.publishedAt(), item.updatedAt(), clean(item.image()));
	}

	private static FeedImage clean(FeedImage image) {
		return (image != null) ? new FeedImage(clean(image.url()), clean(image.alt()), image.width(), image.height())
				: null;
	}

	private static List<String> clean(List<String> values) {
		return values.stream().map(FeedText::clean).toList();
	}

	/**
	 * A BCP 47 tag as feeds need it, or {@code null} when there is none or it is
	 * malformed (an invalid {@code xml:lang} would make the Atom feed invalid).
	 * @param language a tag such as {@code en}, {@code pt-BR} or {@code zh_Hant}
	 * @return the tag with {@code _} replaced by {@code -}, or {@code null}
	 */
	static String languageTag(String language) {
		if (language == null) {
			return null;
		}
		String tag = language.strip().replace('_', '-');
		return LANGUAGE_TAG.matcher(tag).matches() ? tag : null;
	}

	/**
	 * Escapes plain text for a place that readers treat as HTML.
	 * @param text plain text
	 * @return HTML showing that text literally
	 */
	static String toHtml(String text) {
		StringBuilder html = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> html.append("&amp;");
				case '<' -> html.append("&lt;");
				case '>' -> html.append("&gt;");
				case '"' -> html.append("&quot;");
				case '\'' -> html.append("&#39;");
				default -> html.append(c);
			}
		}
		return html.toString();
	}

}
