package org.syndication.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration page's text and the places in it where each module's generated table
 * goes, between a pair of marker lines.
 */
final class ConfigurationPage {

	private ConfigurationPage() {
	}

	/**
	 * The module's table as a page shows it, with its marker lines.
	 * @param page the page's text
	 * @param module the module
	 * @return the block, or {@code null} if the page has no pair of markers for the
	 * module
	 * @throws AssertionError if the page has the markers more than once
	 */
	static String shown(String page, String module) {
		String start = startMarker(module);
		String end = endMarker(module);
		int from = page.indexOf(start);
		int to = (from >= 0) ? page.indexOf(end, from) : -1;
		if (from < 0 || to < 0) {
			return null;
		}
		if (page.indexOf(start, from + 1) >= 0) {
			throw new AssertionError("The configuration page has more than one " + start);
		}
		return page.substring(from, to + end.length());
	}

	static String missingMarkers(Path page, String module) {
		return page.normalize() + " has no place for " + module + "'s settings: put the lines " + startMarker(module)
				+ " and " + endMarker(module) + " where its table goes";
	}

	static String startMarker(String module) {
		return "<!-- configuration:" + module + " -->";
	}

	static String endMarker(String module) {
		return "<!-- /configuration:" + module + " -->";
	}

	static String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void writeString(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
