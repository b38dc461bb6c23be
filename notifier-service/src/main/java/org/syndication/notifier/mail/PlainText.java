package org.syndication.notifier.mail;

import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Plain text from HTML for the text/plain part: paragraphs stay paragraphs, list items
 * become lines, links keep their address.
 */
final class PlainText {

	private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
			"ul", "ol", "dl", "table", "hr", "figure", "section", "article", "header", "footer");

	private static final Set<String> LINES = Set.of("div", "li", "tr", "dt", "dd", "caption", "figcaption", "address");

	private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\n");

	private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

	private PlainText() {
	}

	static String fromHtml(String html) {
		if (html == null || html.isBlank()) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		NodeTraversor.traverse(new Visitor(text), Jsoup.parseBodyFragment(html).body());
		String tidy = TRAILING_SPACE.matcher(text).replaceAll("\n");
		return BLANK_LINES.matcher(tidy).replaceAll("\n\n").strip();
	}

	private record Visitor(StringBuilder text) implements NodeVisitor {

		@Override
		public void head(Node node, int depth) {
			if (node instanceof TextNode textNode) {
				String words = preformatted(textNode) ? textNode.getWholeText() : textNode.text();
				this.text.append(atLineStart() ? words.stripLeading() : words);
			}
			else if (node instanceof Element element) {
				String name = element.normalName();
				if (name.equals("br")) {
					this.text.append('\n');
				}
				else if (PARAGRAPHS.contains(name)) {
					blankLine();
				}
				else if (LINES.contains(name)) {
					newLine();
					if (name.equals("li")) {
						this.text.append("- ");
					}
				}
				else if (name.equals("td") || name.equals("th")) {
					if (!atLineStart()) {
						this.text.append(' ');
					}
				}
			}
		}

		@Override
		public void tail(Node node, int depth) {
			if (node instanceof Element element) {
				String name = element.normalName();
				if (PARAGRAPHS.contains(name)) {
					blankLine();
				}
				else if (LINES.contains(name)) {
					newLine();
				}
				else if (name.equals("a")) {
					String href = element.attr("href");
					if ((href.startsWith("http://") || href.startsWith("https://"))
							&& !href.equals(element.text().strip())) {
						this.text.append(" <").append(href).append('>');
					}
				}
			}
		}

		private static boolean preformatted(TextNode textNode) {
			for (Element parent = textNode.parent(); parent != null; parent = parent.parent()) {
				if (parent.normalName().equals("pre")) {
					return true;
				}
			}
			return false;
		}

		private boolean atLineStart() {
			return this.text.isEmpty() || this.text.charAt(this.text.length() - 1) == '\n';
		}

		private void newLine() {
			if (!atLineStart()) {
				this.text.append('\n');
			}
		}

		private void blankLine() {
			newLine();
			if (this.text.length() > 1 && this.text.charAt(this.text.length() - 2) != '\n') {
				this.text.append('\n');
			}
		}

	}

}
