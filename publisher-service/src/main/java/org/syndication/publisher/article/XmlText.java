package org.syndication.publisher.article;

/**
 * Removes what XML 1.0 cannot carry, so that every text field can go into a feed or an
 * email unchanged: control characters other than tab, line feed and carriage return,
 * unpaired surrogates, U+FFFE and U+FFFF.
 */
final class XmlText {

	private XmlText() {
	}

	static String clean(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder clean = null;
		int i = 0;
		while (i < text.length()) {
			int codePoint = text.codePointAt(i);
			int width = Character.charCount(codePoint);
			boolean allowed = isAllowed(codePoint);
			if (!allowed && clean == null) {
				clean = new StringBuilder(text.length()).append(text, 0, i);
			}
			else if (allowed && clean != null) {
				clean.appendCodePoint(codePoint);
			}
			i += width;
		}
		return (clean != null) ? clean.toString() : text;
	}

	/** A single line: line breaks and tabs become spaces, runs of spaces collapse. */
	static String singleLine(String text) {
		String clean = clean(text);
		return (clean != null) ? clean.replaceAll("[\\t\\n\\r\\u0085\\u2028\\u2029]+", " ").strip() : null;
	}

	private static boolean isAllowed(int c) {
		return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
				|| (c >= 0x10000 && c <= 0x10FFFF);
	}

}
