package org.syndication.system;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must never reach a reader from an article: elements that run or load something,
 * event handlers, and script or data URLs. Checked on HTML as a browser or a mail client
 * would parse it.
 */
final class ActiveContent {

	private static final List<String> ACTIVE_ELEMENTS = List.of("script", "iframe", "frame", "frameset", "object",
			"embed", "applet", "svg", "math", "form", "input", "button", "textarea", "base", "style", "link", "meta",
			"noscript", "template");

	private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href",
			"data", "poster", "background", "srcset", "cite", "longdesc", "lowsrc", "dynsrc", "codebase");

	private static final List<String> ACTIVE_SCHEMES = List.of("javascript:", "vbscript:", "data:");

	private ActiveContent() {
	}

	/**
	 * @param html an HTML fragment, such as a feed item's content
	 * @return its body as a browser builds it
	 */
	static Element fragment(String html) {
		return Jsoup.parseBodyFragment(html).body();
	}

	/**
	 * Asserts that nothing below the element can run: no script, frame, plugin, SVG, form
	 * or style element, no {@code on*} attribute, no script or data URL, no style
	 * attribute that loads or hides anything.
	 * @param root where to look, itself included
	 * @param where what it is, for the messages
	 * @param allowed elements of the service's own page that may be there, such as its
	 * form
	 */
	static void assertNone(Element root, String where, String... allowed) {
		String active = ACTIVE_ELEMENTS.stream()
			.filter((name) -> !List.of(allowed).contains(name))
			.collect(Collectors.joining(", "));
		assertThat(root.select(active)).as("%s: active elements in %s", where, root.outerHtml()).isEmpty();
		for (Element element : root.getAllElements()) {
			for (Attribute attribute : element.attributes()) {
				String name = attribute.getKey().toLowerCase(Locale.ROOT);
				String value = normalized(attribute.getValue());
				assertThat(name).as("%s: an event handler on %s", where, element.outerHtml()).doesNotStartWith("on");
				if (URL_ATTRIBUTES.contains(name)) {
					assertThat(ACTIVE_SCHEMES).as("%s: a script or data URL in %s", where, element.outerHtml())
						.noneMatch(value::startsWith);
				}
				if (name.equals("style")) {
					assertThat(value).as("%s: a style that loads or hides something on %s", where, element.outerHtml())
						.doesNotContain("url(", "expression(", "javascript:", "display:none", "behavior:");
				}
			}
		}
	}

	/** As a browser reads a URL: without spaces or control characters, in lower case. */
	private static String normalized(String value) {
		return value.replaceAll("[\\s\\p{Cc}]", "").toLowerCase(Locale.ROOT);
	}

}
