package org.syndication.feed.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedKeyTests {

	@Test
	void languageTagsMatchCaseInsensitively() {
		assertThat(FeedKey.language("en-GB")).isEqualTo(FeedKey.language("EN-gb")).isEqualTo(FeedKey.language("en-gb"));
		assertThat(FeedKey.language("zh-hant-tw").orElseThrow().storageKey()).isEqualTo("language:zh-hant-tw");
		assertThat(FeedKey.language("zh-hant-tw").orElseThrow().path()).isEqualTo("languages/zh-hant-tw/");
	}

	@Test
	void malformedLanguageTagsHaveNoFeed() {
		for (String tag : new String[] { "", " ", "en_GB", "english!", "en--gb", "en-", "-en", "en-x",
				"averyverylongtag", "en-GB-" + "a".repeat(40) }) {
			assertThat(FeedKey.language(tag)).as(tag).isEmpty();
		}
		assertThat(FeedKey.languages(null)).isEmpty();
		assertThat(FeedKey.languages("not a tag")).isEmpty();
	}

	@Test
	void anArticleIsInTheFeedOfItsTagAndOfEachShorterPrefixThatIsATag() {
		assertThat(FeedKey.languages("en")).extracting(FeedKey.Named::name).containsExactly("en");
		assertThat(FeedKey.languages("en-gb")).extracting(FeedKey.Named::name).containsExactly("en", "en-GB");
		assertThat(FeedKey.languages("zh-Hant-TW")).extracting(FeedKey.Named::name)
			.containsExactly("zh", "zh-Hant", "zh-Hant-TW");
		// en-US-x is no tag: the x singleton needs a subtag after it.
		assertThat(FeedKey.languages("en-US-x-twain")).extracting(FeedKey.Named::key)
			.containsExactly(FeedKey.language("en").orElseThrow(), FeedKey.language("en-us").orElseThrow(),
					FeedKey.language("en-us-x-twain").orElseThrow());
	}

	@Test
	void languageFeedsSurviveTheirStorageKey() {
		FeedKey key = FeedKey.language("pt-BR").orElseThrow();
		assertThat(FeedKey.fromStorageKey(key.storageKey())).hasValue(key);
	}

}
