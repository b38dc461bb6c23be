package org.syndication.feed.rendering;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedTextTests {

	@Test
	void keepsTabsNewlinesCarriageReturnsAndOrdinaryText() {
		String text = "a\tb\nc\r\nd é 中 😀 \uE000 \uFFFD";

		assertThat(FeedText.clean(text)).isSameAs(text);
	}

	@Test
	void removesCharactersXmlForbidsAndInvisibleControls() {
		assertThat(FeedText.clean("a\u0000b\u0001c\u000Bd\u000Ce\u001Ff\u007Fg\u0085h\u009Fi\uFFFEj\uFFFFk"))
			.isEqualTo("abcdefghijk");
	}

	@Test
	void removesLoneSurrogatesButKeepsPairs() {
		assertThat(FeedText.clean("x\uD800y\uDC00z😀")).isEqualTo("xyz😀");
	}

	@Test
	void nullStaysNull() {
		assertThat(FeedText.clean((String) null)).isNull();
	}

	@Test
	void languageTagsAreNormalizedOrDropped() {
		assertThat(FeedText.languageTag("en")).isEqualTo("en");
		assertThat(FeedText.languageTag("zh_Hant_TW")).isEqualTo("zh-Hant-TW");
		assertThat(FeedText.languageTag(" de ")).isEqualTo("de");
		assertThat(FeedText.languageTag("")).isNull();
		assertThat(FeedText.languageTag("not a tag")).isNull();
		assertThat(FeedText.languageTag(null)).isNull();
	}

	@Test
	void plainTextBecomesHtmlThatShowsItLiterally() {
		assertThat(FeedText.toHtml("<b> & \"q\" 'a'")).isEqualTo("&lt;b&gt; &amp; &quot;q&quot; &#39;a&#39;");
	}

}
