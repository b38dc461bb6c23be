package org.syndication.notifier.mail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * What the templates of {@code templates/mail/} show, and the wording the mails use: the
 * values are cleaned here (one line, absolute http(s) addresses, sanitized article HTML),
 * and the templates escape them as they insert them.
 */
final class MailModels {

	/** What article HTML may keep in a mail: text formatting, blocks, links, tables. */
	private static final PolicyFactory CONTENT_POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.LINKS)
		.and(Sanitizers.TABLES);

	/**
	 * A category name a confirmation mail may show: letters, digits, spaces and
	 * punctuation that no mail client takes for part of a link or an address (no dots,
	 * colons, slashes or at signs, in any script's form).
	 */
	private static final Pattern PLAIN_CATEGORY = Pattern
		.compile("[\\p{L}\\p{M}\\p{N} &'\u2019\"()<>,;!?+#*_\u2013\u2014-]{1,100}");

	/** The contract's bound on an image's width and height, in pixels. */
	private static final int MAX_IMAGE_DIMENSION = 10000;

	private MailModels() {
	}

	/**
	 * The part of an alert that tells about the article ({@code article.html} and
	 * {@code article.txt}): its title, summary, content (sanitized again, so that only
	 * formatting, blocks, links and tables are left, and as text for the text part) and
	 * link.
	 */
	static Map<String, Object> article(ArticleContent article) {
		String clean = CONTENT_POLICY.sanitize((article.contentHtml() != null) ? article.contentHtml() : "");
		String text = PlainText.fromHtml(clean);
		Map<String, Object> variables = described(article);
		variables.put("contentText", text.isEmpty() ? null : text);
		variables.put("contentHtml", clean);
		return variables;
	}

	/**
	 * An alert around the article's part, rendered before ({@code alert.html} and
	 * {@code alert.txt}).
	 */
	static Map<String, Object> alert(String title, MailBodies article, String unsubscribe, String manage) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("title", title);
		variables.put("unsubscribe", unsubscribe);
		variables.put("manage", manage);
		variables.put("articleText", article.text());
		variables.put("articleHtml", article.html());
		return variables;
	}

	/** A digest ({@code digest.html} and {@code digest.txt}). */
	static Map<String, Object> digest(String publication, String period, String count, List<ArticleContent> articles,
			String unsubscribe, String manage) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("publication", publication);
		variables.put("period", period);
		variables.put("count", count);
		variables.put("items", articles.stream().map(MailModels::described).toList());
		variables.put("unsubscribe", unsubscribe);
		variables.put("manage", manage);
		return variables;
	}

	/** How a digest counts its articles, in its subject and its heading. */
	static String articleCount(int articles) {
		return articles + ((articles == 1) ? " new article" : " new articles");
	}

	/**
	 * A confirmation ({@code confirmation.html} and {@code confirmation.txt}): what was
	 * asked for and the link that confirms.
	 */
	static Map<String, Object> confirmation(List<String> categories, String frequency, String confirm) {
		List<String> names = (categories != null)
				? categories.stream().map(MailText::singleLine).filter((name) -> !name.isEmpty()).toList() : List.of();
		// The address has not confirmed anything yet: whoever filled in the form may be
		// a stranger, so the mail names only what no mail client would turn into a link
		// or an address, and counts the rest.
		List<String> shown = names.stream().filter((name) -> PLAIN_CATEGORY.matcher(name).matches()).toList();
		int others = names.size() - shown.size();
		String articles;
		if (names.isEmpty()) {
			articles = "all new articles";
		}
		else if (shown.isEmpty()) {
			articles = "new articles in " + categoryCount(others);
		}
		else {
			articles = "new articles in " + ((shown.size() == 1) ? "the category " : "the categories ")
					+ String.join(", ", shown) + ((others > 0) ? " and " + others + " more "
							+ ((others == 1) ? "category" : "categories") + ", named on the page the link opens" : "");
		}
		String wanted = switch (frequency) {
			case "daily" -> "a daily digest of " + articles;
			case "weekly" -> "a weekly digest of " + articles;
			default -> articles;
		};
		return Map.of("wanted", wanted, "confirm", confirm);
	}

	private static String categoryCount(int count) {
		return count + ((count == 1) ? " category" : " categories") + ", named on the page the link opens";
	}

	/** An article as an alert's head and a digest's item show it: plain values. */
	private static Map<String, Object> described(ArticleContent article) {
		Map<String, Object> item = new HashMap<>();
		item.put("title", MailText.singleLine(article.title()));
		item.put("summary", MailText.strippedOrNull(article.summary()));
		item.put("language", MailText.languageTag(article.language()));
		item.put("url", MailText.httpUrlOrNull(article.url()));
		item.put("image", image(article.image()));
		return item;
	}

	/**
	 * An image as the templates show it, which escape every value: an absolute http(s)
	 * address, the alt text on one line (empty for a decorative image, which keeps
	 * {@code alt=""} so that screen readers skip it), and sizes only when they are
	 * sensible, since a mail client lays the image out by them before it loads.
	 */
	private static Map<String, Object> image(ArticleContent.Image image) {
		String url = (image != null) ? MailText.httpUrlOrNull(image.url()) : null;
		if (url == null) {
			return null;
		}
		Map<String, Object> shown = new HashMap<>();
		shown.put("url", url);
		shown.put("alt", (image.alt() != null) ? MailText.singleLine(image.alt()) : "");
		shown.put("width", dimension(image.width()));
		shown.put("height", dimension(image.height()));
		return shown;
	}

	private static Integer dimension(Integer pixels) {
		return (pixels != null && pixels >= 1 && pixels <= MAX_IMAGE_DIMENSION) ? pixels : null;
	}

}
