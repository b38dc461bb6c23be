package org.syndication.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's Markdown documentation, {@code README.md} and {@code docs/**.md}, as
 * GitHub shows it: its links, and the anchors its headings get.
 */
final class Documentation {

	/** The repository, seen from this module's directory, where its tests run. */
	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	/** An opening or closing code fence, indented as in a list item or not. */
	private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})");

	/**
	 * An ATX heading: up to three spaces, one to six '#', the text, optional closing '#'.
	 */
	private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");

	/** A code span, whose text is never a link. */
	private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

	/**
	 * An inline link or image: {@code [text](target)} or {@code [text](target "title")}.
	 */
	private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\)");

	/** What GitHub removes from a heading to make its anchor. */
	private static final Pattern NOT_IN_ANCHORS = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

	/**
	 * A scheme, as in {@code https:} or {@code mailto:}: such a link leaves the
	 * repository.
	 */
	private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

	private Documentation() {
	}

	/**
	 * The pages: the README, then every page below {@code docs}.
	 * @param root the repository
	 * @return the Markdown files
	 */
	static List<Path> pages(Path root) {
		List<Path> pages = new ArrayList<>();
		pages.add(root.resolve("README.md"));
		Path docs = root.resolve("docs");
		if (Files.isDirectory(docs)) {
			try (Stream<Path> files = Files.walk(docs)) {
				files.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return pages;
	}

	/**
	 * The links of a page that point into the repository (no scheme), outside code.
	 * @param markdown the page's text
	 * @return each link with its line
	 */
	static List<Link> links(String markdown) {
		List<Link> links = new ArrayList<>();
		List<String> lines = markdown.lines().toList();
		boolean inFence = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (FENCE.matcher(line).find()) {
				inFence = !inFence;
				continue;
			}
			if (inFence) {
				continue;
			}
			Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll("code"));
			while (link.find()) {
				String target = link.group(2);
				if (!target.startsWith("//") && !SCHEME.matcher(target).find()) {
					links.add(new Link(i + 1, target));
				}
			}
		}
		return links;
	}

	/**
	 * The anchors GitHub gives a page's headings: the heading's text as shown, lower
	 * case, without punctuation, spaces turned to hyphens; a repeated one gets
	 * {@code -1}, {@code -2}, ….
	 * @param markdown the page's text
	 * @return the anchors, in the order of the headings
	 */
	static Set<String> anchors(String markdown) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		boolean inFence = false;
		for (String line : markdown.lines().toList()) {
			if (FENCE.matcher(line).find()) {
				inFence = !inFence;
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (inFence || !heading.matches()) {
				continue;
			}
			String anchor = anchor(heading.group(1));
			int times = seen.merge(anchor, 1, Integer::sum);
			anchors.add((times == 1) ? anchor : anchor + "-" + (times - 1));
		}
		return anchors;
	}

	/**
	 * The anchor of one heading, as GitHub makes it.
	 * @param heading the heading's Markdown text
	 * @return its anchor
	 */
	static String anchor(String heading) {
		String shown = CODE_SPAN.matcher(heading).replaceAll((span) -> Matcher.quoteReplacement(span.group(2)));
		shown = LINK.matcher(shown).replaceAll((link) -> Matcher.quoteReplacement(link.group(1)));
		shown = shown.replace("*", "");
		return NOT_IN_ANCHORS.matcher(shown.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
	}

	/**
	 * What is wrong with the links of the pages: a file or directory that does not exist,
	 * a link out of the repository, an anchor that no heading of the Markdown page it
	 * names has.
	 * @param root the repository
	 * @return one line per broken link, naming the page, the line and the link
	 */
	static List<String> brokenLinks(Path root) {
		List<String> broken = new ArrayList<>();
		for (Path page : pages(root)) {
			String markdown = read(page);
			for (Link link : links(markdown)) {
				String problem = problem(root, page, link.target());
				if (problem != null) {
					broken.add("%s:%d: (%s) %s".formatted(root.relativize(page), link.line(), link.target(), problem));
				}
			}
		}
		return broken;
	}

	private static String problem(Path root, Path page, String target) {
		int hash = target.indexOf('#');
		String file = (hash < 0) ? target : target.substring(0, hash);
		String anchor = (hash < 0) ? null : target.substring(hash + 1);
		Path linked = file.isEmpty() ? page
				: page.getParent().resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
		if (!linked.startsWith(root)) {
			return "leaves the repository";
		}
		if (!Files.exists(linked)) {
			return "no such file";
		}
		if (anchor != null && linked.toString().endsWith(".md") && !anchors(read(linked)).contains(anchor)) {
			return "no heading with the anchor #" + anchor + " in " + root.relativize(linked);
		}
		return null;
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A link in a page.
	 *
	 * @param line its line, from 1
	 * @param target where it points, as written
	 */
	record Link(int line, String target) {

	}

}
