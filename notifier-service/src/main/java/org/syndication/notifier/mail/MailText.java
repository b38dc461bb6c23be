package org.syndication.notifier.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The values a mail may carry, cleaned: lines that cannot break a header, subjects of a
 * bounded length, absolute http(s) addresses and language tags. What the templates insert
 * comes through here first; escaping it is the template engine's job.
 */
final class MailText {

	/** Long enough for any real title; keeps a runaway title from bloating the header. */
	private static final int MAX_SUBJECT_CODE_POINTS = 250;

	private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");

	private static final Pattern SPACES = Pattern.compile("[\\s\\p{Zs}]+");

	private MailText() {
	}

	/** One line of text: controls and line breaks become spaces, runs of space one. */
	static String singleLine(String text) {
		if (text == null) {
			return "";
		}
		String spaced = LINE_BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ");
		return SPACES.matcher(spaced).replaceAll(" ").strip();
	}

	/**
	 * A subject: the line itself, cut with an ellipsis when it is longer than 250
	 * characters, or the fallback when it is empty.
	 */
	static String subject(String line, String fallback) {
		if (line.isEmpty()) {
			return fallback;
		}
		if (line.codePointCount(0, line.length()) <= MAX_SUBJECT_CODE_POINTS) {
			return line;
		}
		return line.substring(0, line.offsetByCodePoints(0, MAX_SUBJECT_CODE_POINTS - 1)).stripTrailing() + "…";
	}

	/** Text without the spaces around it; {@code null} when nothing is left. */
	static String strippedOrNull(String text) {
		String stripped = (text != null) ? text.strip() : "";
		return stripped.isEmpty() ? null : stripped;
	}

	/**
	 * The URL, which must be an absolute http(s) URL.
	 * @param name what the URL is, for the message of the exception
	 * @param value the URL
	 * @return the URL in ASCII
	 * @throws IllegalArgumentException if it is not an absolute http(s) URL
	 */
	static String httpUrl(String name, String value) {
		String url = httpUrlOrNull(value);
		if (url == null) {
			throw new IllegalArgumentException(name + " must be an absolute http(s) URL, not '" + value + "'");
		}
		return url;
	}

	/** The URL in ASCII if it is an absolute http(s) URL, else {@code null}. */
	static String httpUrlOrNull(String value) {
		if (value == null) {
			return null;
		}
		try {
			// The URI parser refuses spaces, CR, LF, '<' and '>', so the URL cannot break
			// out of a header or an attribute.
			URI uri = new URI(value.strip());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) ? uri.toASCIIString()
					: null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/** A well-formed BCP 47 tag for the language, or {@code null} if there is none. */
	static String languageTag(String language) {
		if (language == null || language.isBlank()) {
			return null;
		}
		String tag = Locale.forLanguageTag(language.strip().replace('_', '-')).toLanguageTag();
		return tag.equals("und") ? null : tag;
	}

}
