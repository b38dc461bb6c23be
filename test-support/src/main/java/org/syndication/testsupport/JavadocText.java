package org.syndication.testsupport;

import java.util.Locale;

/**
 * A Javadoc {@code @param} text, as Spring Boot's configuration metadata carries it, made
 * a sentence of the configuration table.
 */
final class JavadocText {

	private JavadocText() {
	}

	/**
	 * A Javadoc {@code @param} text as a sentence of the table: inline tags turned to
	 * Markdown, the first letter capital; a list says how its values are written.
	 * @param description the description the metadata gives
	 * @param list whether the key takes a list of values
	 * @return the text
	 */
	static String meaning(String description, boolean list) {
		String text = inlineTags(description).replaceAll("\\s+", " ").strip();
		if (!text.isEmpty()) {
			text = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
		}
		return list ? text + "; comma-separated" : text;
	}

	private static String inlineTags(String javadoc) {
		StringBuilder text = new StringBuilder();
		int i = 0;
		while (i < javadoc.length()) {
			int tag = javadoc.indexOf("{@", i);
			if (tag < 0) {
				text.append(javadoc, i, javadoc.length());
				break;
			}
			text.append(javadoc, i, tag);
			int end = closingBrace(javadoc, tag);
			String[] parts = javadoc.substring(tag + 2, end).split("\\s+", 2);
			String content = (parts.length > 1) ? parts[1].strip() : "";
			switch (parts[0]) {
				case "code" -> text.append('`').append(content).append('`');
				case "link", "linkplain" -> {
					String[] reference = content.split("\\s+", 2);
					text.append((reference.length > 1) ? reference[1]
							: "`" + reference[0].replaceFirst("^#", "").replace('#', '.') + "`");
				}
				default -> text.append(content);
			}
			i = end + 1;
		}
		return text.toString();
	}

	/** The brace that closes the inline tag opening at {@code start}; braces nest. */
	private static int closingBrace(String javadoc, int start) {
		int depth = 0;
		for (int i = start; i < javadoc.length(); i++) {
			char c = javadoc.charAt(i);
			if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return i;
			}
		}
		throw new IllegalArgumentException("An inline tag that is not closed: " + javadoc.substring(start));
	}

}
