package org.syndication.publisher.article;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * The allow-list for article HTML: text formatting, blocks, lists, tables, links and
 * images over http(s), preformatted text. No scripts, event handlers, {@code javascript:}
 * URLs, frames, forms or styles.
 */
final class HtmlSanitizer {

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.LINKS)
		.and(Sanitizers.TABLES)
		.and(Sanitizers.IMAGES)
		.and(new HtmlPolicyBuilder()
			.allowElements("pre", "code", "figure", "figcaption", "hr", "br", "abbr", "cite", "q", "dl", "dt", "dd",
					"time")
			.allowAttributes("title")
			.onElements("abbr")
			.allowAttributes("datetime")
			.onElements("time")
			.allowAttributes("cite")
			.onElements("blockquote", "q")
			.allowUrlProtocols("http", "https")
			.toFactory());

	private HtmlSanitizer() {
	}

	static String sanitize(String html) {
		if (html == null) {
			return null;
		}
		return POLICY.sanitize(XmlText.clean(html));
	}

}
