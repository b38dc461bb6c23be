package org.syndication.testsupport;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, so that alert rules and dashboards can be
 * checked against the metrics that exist. A name is an identifier that is not a function
 * (it is followed by a parenthesis), an aggregation, a keyword, a label name (inside
 * braces or a grouping list) or a number or duration; a selector's {@code __name__="…"}
 * is a name too. Strings, ranges and Grafana's variables ({@code $__rate_interval},
 * {@code ${datasource}}) are skipped.
 */
public final class PromQl {

	/**
	 * Series that Prometheus makes itself for every target or rule, which no service
	 * exposes.
	 */
	public static final Set<String> PROMETHEUS_OWN_SERIES = Set.of("up", "scrape_duration_seconds",
			"scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS",
			"ALERTS_FOR_STATE");

	/** Binary operators, modifiers and literals; PromQL reads them in any case. */
	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

	/** Keywords followed by a list of label names. */
	private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

	/**
	 * Aggregation operators: a grouping clause may come between them and their
	 * parenthesis.
	 */
	private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "count", "min", "max", "group", "stddev",
			"stdvar", "topk", "bottomk", "count_values", "quantile", "limitk", "limit_ratio");

	private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");

	private final String text;

	private int position;

	private PromQl(String text) {
		this.text = text;
	}

	/**
	 * The metric names the expression reads, in the order they first appear.
	 * @param expression a PromQL expression, possibly with Grafana's variables
	 * @return the names
	 * @throws IllegalArgumentException if the expression is not well-formed enough to
	 * tell (an unterminated string, brace or bracket), or matches metric names with a
	 * regular expression or a negation, which names no metric that could be checked
	 */
	public static Set<String> metricNames(String expression) {
		return new PromQl(expression).names();
	}

	private Set<String> names() {
		Set<String> names = new LinkedHashSet<>();
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (Character.isWhitespace(c)) {
				this.position++;
			}
			else if (c == '#') {
				skipComment();
			}
			else if (c == '"' || c == '\'' || c == '`') {
				skipString();
			}
			else if (c == '{') {
				selectorName(skipBlock('{', '}')).ifPresent(names::add);
			}
			else if (c == '[') {
				skipBlock('[', ']');
			}
			else if (c == '$') {
				skipVariable();
			}
			else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
				skipNumber();
			}
			else if (isNameStart(c)) {
				String word = word();
				String keyword = word.toLowerCase(Locale.ROOT);
				if (GROUPING.contains(keyword)) {
					if (nextNonSpace() == '(') {
						skipBlock('(', ')');
					}
				}
				else if (!KEYWORDS.contains(keyword) && !AGGREGATIONS.contains(keyword) && nextNonSpace() != '(') {
					names.add(word);
				}
			}
			else {
				this.position++;
			}
		}
		return names;
	}

	private String word() {
		int start = this.position;
		while (this.position < this.text.length() && isNamePart(this.text.charAt(this.position))) {
			this.position++;
		}
		return this.text.substring(start, this.position);
	}

	private char nextNonSpace() {
		while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
			this.position++;
		}
		return peek(0);
	}

	private char peek(int ahead) {
		int index = this.position + ahead;
		return (index < this.text.length()) ? this.text.charAt(index) : '\0';
	}

	private void skipComment() {
		while (this.position < this.text.length() && this.text.charAt(this.position) != '\n') {
			this.position++;
		}
	}

	private void skipString() {
		char quote = this.text.charAt(this.position);
		int start = this.position++;
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position++);
			if (c == '\\' && quote != '`') {
				this.position++;
			}
			else if (c == quote) {
				return;
			}
		}
		throw new IllegalArgumentException("Unterminated string at " + start + ": " + this.text);
	}

	/** Skips a block up to its closing character, strings within it included. */
	private String skipBlock(char open, char close) {
		int start = this.position++;
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (c == '"' || c == '\'' || c == '`') {
				skipString();
			}
			else if (c == close) {
				this.position++;
				return this.text.substring(start + 1, this.position - 1);
			}
			else if (c == open) {
				skipBlock(open, close);
			}
			else {
				this.position++;
			}
		}
		throw new IllegalArgumentException("No '" + close + "' for the '" + open + "' at " + start + ": " + this.text);
	}

	private void skipVariable() {
		this.position++;
		if (peek(0) == '{') {
			skipBlock('{', '}');
		}
		else {
			word();
		}
	}

	/** Numbers, hexadecimal ones and exponents included, and durations such as 1h30m. */
	private void skipNumber() {
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			boolean exponentSign = (c == '+' || c == '-') && (peek(-1) == 'e' || peek(-1) == 'E')
					&& Character.isDigit(peek(1));
			if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign)) {
				return;
			}
			this.position++;
		}
	}

	private Optional<String> selectorName(String matchers) {
		Matcher name = NAME_MATCHER.matcher(matchers);
		if (!name.find()) {
			return Optional.empty();
		}
		if (!name.group(1).equals("=")) {
			throw new IllegalArgumentException("A metric name matched with " + name.group(1)
					+ " names no metric that can be checked: " + this.text);
		}
		return Optional.of(name.group(2));
	}

	private static boolean isNameStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
	}

	private static boolean isNamePart(char c) {
		return isNameStart(c) || (c >= '0' && c <= '9');
	}

}
