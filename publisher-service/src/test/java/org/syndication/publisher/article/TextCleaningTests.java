package org.syndication.publisher.article;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextCleaningTests {

	@Test
	void xmlForbiddenCharactersAreRemovedAndEverythingElseKept() {
		assertThat(XmlText.clean("a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFFg")).isEqualTo("abcdefg");
		assertThat(XmlText.clean("tab\tline\nreturn\r")).isEqualTo("tab\tline\nreturn\r");
		assertThat(XmlText.clean("中文 😀 é")).isEqualTo("中文 😀 é");
		assertThat(XmlText.clean("lone \uD800 surrogate")).isEqualTo("lone  surrogate");
		assertThat(XmlText.clean(null)).isNull();
	}

	@Test
	void singleLineTextLosesItsLineBreaks() {
		assertThat(XmlText.singleLine("  Breaking:\r\nnews\tnow \u2028 ")).isEqualTo("Breaking: news now");
	}

	@Test
	void sanitizerKeepsFormattingAndDropsEveryScriptVector() {
		String dirty = """
				<h2>Heading</h2><p>Text with <em>emphasis</em>, <a href="https://example.org/a?b=1&amp;c=2">a link</a>
				and <img src="https://example.org/i.png" alt="pic" onerror="alert(1)">.</p>
				<ul><li>one</li><li>two</li></ul><table><tr><td>cell</td></tr></table>
				<a href="javascript:alert(1)">bad</a><a href="data:text/html,x">bad</a>
				<script>alert(1)</script><style>p{display:none}</style><iframe src="https://e.example"></iframe>
				<object data="x"></object><form action="/x"><input name="q"></form>
				<p style="display:none">hidden</p><svg onload="alert(1)"></svg>
				<pre>  two spaces
				\ttab</pre>""";
		String clean = HtmlSanitizer.sanitize(dirty);
		assertThat(clean).contains("<h2>Heading</h2>", "<em>emphasis</em>",
				"href=\"https://example.org/a?b&#61;1&amp;c&#61;2\"", "src=\"https://example.org/i.png\"",
				"<li>one</li>", "<td>cell</td>", "<pre>  two spaces\n\ttab</pre>");
		assertThat(clean).doesNotContainIgnoringCase("script")
			.doesNotContainIgnoringCase("javascript")
			.doesNotContain("data:", "onerror", "onload", "style", "iframe", "object", "form", "input", "svg",
					"display:none");
	}

}
