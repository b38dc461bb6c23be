package org.syndication.feed.rendering;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.syndication.feed.rendering.Feeds.aChannel;
import static org.syndication.feed.rendering.Feeds.anItem;
import static org.syndication.feed.rendering.Feeds.channel;

/**
 * Behaviour every format shares, checked by parsing the output back.
 */
class FeedRendererTests {

	private static final long NO_CAP = Long.MAX_VALUE;

	private static final int MEBIBYTE = 1024 * 1024;

	private final FeedRenderer renderer = new FeedRenderer();

	private ParsedFeed renderAndParse(FeedFormat format, FeedChannel channel, List<FeedItem> items) {
		return ParsedFeed.parse(format, this.renderer.render(format, channel, items, NO_CAP));
	}

	private ParsedFeed renderAndParse(FeedFormat format, FeedItem... items) {
		return renderAndParse(format, channel(), List.of(items));
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void cjkAndEmojiSurvive(FeedFormat format) {
		FeedItem item = anItem().title("東京の天気 🌧️ 서울 날씨")
			.summary("简体中文摘要 😀")
			.contentHtml("<p>日本語の本文 👩‍👩‍👧 🇯🇵</p>")
			.authors("李小龍")
			.categories(List.of("国际"))
			.build();

		ParsedFeed.ParsedItem parsed = renderAndParse(format, item).items().get(0);

		assertThat(parsed.title()).isEqualTo(item.title());
		assertThat(parsed.summary()).isEqualTo(item.summary());
		assertThat(parsed.content()).isEqualTo(item.contentHtml());
		assertThat(parsed.authors()).containsExactly("李小龍");
		assertThat(parsed.categories()).containsExactly("国际");
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void markupCharactersInTitlesAreEscapedExactlyOnce(FeedFormat format) {
		FeedItem specials = anItem().title("Tom & Jerry <3 \"quotes\" 'apostrophes' > all").build();
		FeedItem literalEntity = anItem().title("Tom &amp; Jerry").build();

		byte[] bytes = this.renderer.render(format, channel(), List.of(specials, literalEntity), NO_CAP);
		ParsedFeed parsed = ParsedFeed.parse(format, bytes);

		assertThat(parsed.items()).extracting(ParsedFeed.ParsedItem::title)
			.containsExactly(specials.title(), literalEntity.title());
		if (format != FeedFormat.JSON_FEED) {
			assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Tom &amp; Jerry &lt;3")
				.contains("Tom &amp;amp; Jerry")
				.doesNotContain("&amp;lt;3");
		}
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void controlCharactersAreRemovedSoTheFeedStillParses(FeedFormat format) {
		FeedItem item = anItem().title("Bro\u0000ken\u0001 ti\u000Btle\u001F\u007F\uFFFE")
			.summary("sum\u0008mary\uD800")
			.contentHtml("<p>con\u001Btent\u0085</p>")
			.authors("Au\u0007thor")
			.categories(List.of("Cat\u0000egory"))
			.build();

		ParsedFeed.ParsedItem parsed = renderAndParse(format, item).items().get(0);

		assertThat(parsed.title()).isEqualTo("Broken title");
		assertThat(parsed.summary()).isEqualTo("summary");
		assertThat(parsed.content()).isEqualTo("<p>content</p>");
		assertThat(parsed.authors()).containsExactly("Author");
		assertThat(parsed.categories()).containsExactly("Category");
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void articleOfTwentyThousandCharactersRenders(FeedFormat format) {
		String paragraph = "<p>Ein längerer Absatz mit Text & Zeichen, 中文 und mehr.</p>\n";
		String content = paragraph.repeat(20_000 / paragraph.length() + 1).substring(0, 20_000);
		FeedItem item = anItem().contentHtml(content).build();

		ParsedFeed.ParsedItem parsed = renderAndParse(format, item).items().get(0);

		assertThat(content).hasSize(20_000);
		assertThat(parsed.content()).isEqualTo(content);
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void itemWithoutSummaryRenders(FeedFormat format) {
		FeedItem item = anItem().summary(null).build();

		ParsedFeed.ParsedItem parsed = renderAndParse(format, item).items().get(0);

		assertThat(parsed.summary()).isNull();
		assertThat(parsed.content()).isEqualTo(item.contentHtml());
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void itemWithoutSummaryOrContentRenders(FeedFormat format) {
		FeedItem item = anItem().summary(null).contentHtml(null).build();

		ParsedFeed.ParsedItem parsed = renderAndParse(format, item).items().get(0);

		assertThat(parsed.id()).isEqualTo(item.urn());
		assertThat(parsed.title()).isEqualTo(item.title());
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void sixtyCategoriesAllAppear(FeedFormat format) {
		List<String> categories = IntStream.rangeClosed(1, 60).mapToObj((i) -> "Category " + i).toList();
		FeedItem item = anItem().categories(categories).build();

		ParsedFeed.ParsedItem parsed = renderAndParse(format, item).items().get(0);

		assertThat(parsed.categories()).containsExactlyElementsOf(categories);
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void preformattedWhitespaceSurvivesExactly(FeedFormat format) {
		String content = "<p>Example:</p>\n<pre><code>    four leading spaces\n\tone tab\n\n\n"
				+ "  two blank lines above  \r\n\t\t  mixed\t \t</code></pre>\n  <p>  spaced  </p>  ";
		FeedItem item = anItem().contentHtml(content).summary("  leading and trailing  ").build();

		ParsedFeed.ParsedItem parsed = renderAndParse(format, item).items().get(0);

		assertThat(parsed.content()).isEqualTo(content);
		assertThat(parsed.summary()).isEqualTo(item.summary());
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void itemIdIsTheArticleUrnAndSurvivesAnEdit(FeedFormat format) {
		FeedItem original = anItem().published(Feeds.PUBLISHED).build();
		FeedItem edited = anItem().id(original.id())
			.title("Corrected title")
			.published(Feeds.PUBLISHED)
			.updated(Feeds.PUBLISHED.plus(Duration.ofHours(3)))
			.build();

		ParsedFeed.ParsedItem before = renderAndParse(format, original).items().get(0);
		ParsedFeed.ParsedItem after = renderAndParse(format, edited).items().get(0);

		assertThat(before.id()).isEqualTo("urn:uuid:" + original.id()).isEqualTo(after.id());
		assertThat(after.title()).isEqualTo("Corrected title");
		assertThat(after.published()).isEqualTo(before.published()).isEqualTo(Feeds.PUBLISHED);
		if (format != FeedFormat.RSS) {
			assertThat(before.updated()).isEqualTo(Feeds.PUBLISHED);
			assertThat(after.updated()).isEqualTo(edited.updatedAt());
		}
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void selfAndAlternateLinksArePresent(FeedFormat format) {
		FeedChannel channel = channel();
		FeedItem item = anItem().build();

		ParsedFeed parsed = renderAndParse(format, channel, List.of(item));

		assertThat(parsed.selfUrl()).isEqualTo(channel.selfUrl(format))
			.isEqualTo("https://news.example.org/feeds/categories/politics/" + format.fileName());
		assertThat(parsed.alternateUrl()).isEqualTo(channel.alternateUrl());
		assertThat(parsed.items().get(0).url()).isEqualTo(item.url());
	}

	@ParameterizedTest
	@EnumSource(value = FeedFormat.class, names = { "ATOM", "JSON_FEED" })
	void feedIdAndUpdatedComeFromTheChannel(FeedFormat format) {
		FeedChannel channel = channel();

		ParsedFeed parsed = renderAndParse(format, channel, List.of(anItem().build()));

		assertThat(parsed.id()).isEqualTo(channel.id());
		assertThat(parsed.updated()).isEqualTo(channel.updated());
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void itemsKeepTheGivenOrder(FeedFormat format) {
		List<FeedItem> items = Feeds.items(5, 100);

		ParsedFeed parsed = renderAndParse(format, channel(), items);

		assertThat(parsed.items()).extracting(ParsedFeed.ParsedItem::id)
			.containsExactlyElementsOf(items.stream().map(FeedItem::urn).toList());
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void renderingTwiceGivesIdenticalBytes(FeedFormat format) {
		FeedChannel channel = channel();
		List<FeedItem> items = Feeds.items(10, 500);

		byte[] first = this.renderer.render(format, channel, items, NO_CAP);
		byte[] second = new FeedRenderer().render(format, channel, items, NO_CAP);

		assertThat(second).isEqualTo(first);
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void byteCapDropsTheOldestItemsUntilTheFeedFits(FeedFormat format) {
		FeedChannel channel = channel();
		List<FeedItem> items = Feeds.items(50, 40 * 1024);

		RenderedBytes rendered = this.renderer.renderDetailed(format, channel, items, MEBIBYTE);

		assertThat(rendered.size()).isLessThanOrEqualTo(MEBIBYTE);
		assertThat(rendered.itemCount()).isBetween(1, 49);
		assertThat(rendered.itemCount() + rendered.omittedItemCount()).isEqualTo(50);
		assertThat(ParsedFeed.parse(format, rendered.bytes()).items()).extracting(ParsedFeed.ParsedItem::id)
			.containsExactlyElementsOf(items.subList(0, rendered.itemCount()).stream().map(FeedItem::urn).toList());
		byte[] oneMore = this.renderer.render(format, channel, items.subList(0, rendered.itemCount() + 1), NO_CAP);
		assertThat(oneMore.length).as("the cap keeps as many items as fit").isGreaterThan(MEBIBYTE);
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void feedThatFitsIsNotTruncated(FeedFormat format) {
		RenderedBytes rendered = this.renderer.renderDetailed(format, channel(), Feeds.items(3, 100), MEBIBYTE);

		assertThat(rendered.truncated()).isFalse();
		assertThat(rendered.itemCount()).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void channelAloneWhenNotEvenOneItemFits(FeedFormat format) {
		FeedChannel channel = channel();

		RenderedBytes rendered = this.renderer.renderDetailed(format, channel, Feeds.items(3, 100), 10);

		assertThat(rendered.itemCount()).isZero();
		assertThat(rendered.omittedItemCount()).isEqualTo(3);
		ParsedFeed parsed = ParsedFeed.parse(format, rendered.bytes());
		assertThat(parsed.title()).isEqualTo(channel.title());
		assertThat(parsed.items()).isEmpty();
	}

	@Test
	void truncationSearchesInsteadOfRemovingOneItemAtATime() {
		AtomicInteger writes = new AtomicInteger();
		// every item costs 100 bytes
		FeedWriter counting = (channel, items) -> {
			writes.incrementAndGet();
			return new byte[100 * items.size() + 50];
		};
		Map<FeedFormat, FeedWriter> writers = new EnumMap<>(FeedFormat.class);
		writers.put(FeedFormat.RSS, counting);
		FeedRenderer renderer = new FeedRenderer(writers);

		RenderedBytes rendered = renderer.renderDetailed(FeedFormat.RSS, channel(), Feeds.items(1000, 10), 3_050);

		assertThat(rendered.itemCount()).isEqualTo(30);
		assertThat(rendered.size()).isEqualTo(3_050);
		assertThat(writes.get()).isLessThanOrEqualTo(12);
	}

	@Test
	void nonPositiveCapIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.renderer.render(FeedFormat.RSS, channel(), List.of(), 0));
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void channelWithoutLanguageTtlOrGeneratorRenders(FeedFormat format) {
		FeedChannel channel = aChannel().language(null).ttl(null).generator(null).build();

		ParsedFeed parsed = renderAndParse(format, channel, List.of(anItem().language("de").build()));

		assertThat(parsed.title()).isEqualTo(channel.title());
		assertThat(parsed.items()).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(FeedFormat.class)
	void datesAreWrittenToTheSecond(FeedFormat format) {
		Instant precise = Instant.parse("2025-05-05T10:11:12.987654Z");
		FeedItem item = anItem().published(precise).build();

		ParsedFeed.ParsedItem parsed = renderAndParse(format, item).items().get(0);

		assertThat(parsed.published()).isEqualTo(Instant.parse("2025-05-05T10:11:12Z"));
	}

}
