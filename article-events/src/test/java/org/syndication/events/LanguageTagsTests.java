package org.syndication.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageTagsTests {

	@ParameterizedTest
	@CsvSource({ "en, en", "EN, en", "en-gb, en-GB", "ZH-hant, zh-Hant", "zh-hant-tw, zh-Hant-TW", "' pt-br ', pt-BR",
			"en-x-twain, en-x-twain", "sr-Latn-RS, sr-Latn-RS" })
	void aWellFormedTagComesBackInItsCanonicalCase(String tag, String canonical) {
		assertThat(LanguageTags.canonical(tag)).contains(canonical);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "en_GB", "english-language-tag", "e", "123", "en--gb", "-en", "en-",
			"abcdefghijklmnopqrstuvwxyzabcdefghij" })
	void aMalformedTagHasNoCanonicalForm(String tag) {
		assertThat(LanguageTags.canonical(tag)).isEmpty();
	}

	@Test
	void noTagHasNoCanonicalForm() {
		assertThat(LanguageTags.canonical(null)).isEmpty();
	}

	@Test
	void aTagIsInTheRangeOfItselfAndOfEachPrefixThatIsATag() {
		assertThat(LanguageTags.ranges("en-gb")).containsExactly("en", "en-GB");
		assertThat(LanguageTags.ranges("zh-Hant-TW")).containsExactly("zh", "zh-Hant", "zh-Hant-TW");
		assertThat(LanguageTags.ranges("en-x-twain")).containsExactly("en", "en-x-twain");
		assertThat(LanguageTags.ranges("en_GB")).isEmpty();
		assertThat(LanguageTags.ranges(null)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "en, en, true", "en-GB, en, true", "EN-gb, en-GB, true", "en-x-twain, en, true", "eng, en, false",
			"en, en-GB, false", "fr, en, false", "' en-GB ', ' en ', true" })
	void basicFilteringTakesInATagByItsPrefixIgnoringCase(String tag, String range, boolean in) {
		assertThat(LanguageTags.inRange(tag, range)).isEqualTo(in);
	}

	@Test
	void noTagIsInAnyRange() {
		assertThat(LanguageTags.inRange(null, "en")).isFalse();
	}

}
