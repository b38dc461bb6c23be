package org.syndication.feed.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEvents;
import org.syndication.events.ArticleImage;
import org.syndication.feed.rendering.FeedImage;
import org.syndication.feed.rendering.FeedItem;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.autoconfigure.json.AutoConfigureJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model on H2; {@link FeedCatalogPostgresTests} runs the same tests on
 * PostgreSQL.
 */
@JdbcTest
@AutoConfigureJson
@RecordApplicationEvents
@Import({ FeedCatalog.class, ArticleRepository.class, FeedItemRepository.class, FeedStateRepository.class,
		FeedCatalogTests.Config.class })
class FeedCatalogTests {

	@Autowired
	private FeedCatalog catalog;

	@Autowired
	private ApplicationEvents events;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void publishedArticleAppearsInTheMainCategoryAndAuthorFeeds() {
		ArticleEvents.Builder article = ArticleEvents.article();
		assertThat(apply(article.published())).contains(FeedKey.all(), FeedKey.category("politics"),
				FeedKey.author("Ada Lovelace"));

		assertThat(items(FeedKey.all())).extracting(FeedItem::id).contains(article.id());
		assertThat(items(FeedKey.category("POLITICS"))).extracting(FeedItem::id).containsExactly(article.id());
		assertThat(items(FeedKey.authorSlug("ada-lovelace"))).extracting(FeedItem::id).containsExactly(article.id());
		assertThat(this.catalog.snapshot(FeedKey.category("politics"), 50)).get()
			.extracting(FeedSnapshot::name)
			.isEqualTo("Politics");
	}

	@Test
	void theLongestNamesOfCharactersThatJsonEscapesAreKept() {
		// The publisher takes 50 authors of 200 characters and 50 categories of 100.
		String[] authors = IntStream.range(0, 50)
			.mapToObj((i) -> "\\".repeat(198) + "%02d".formatted(i))
			.toArray(String[]::new);
		String[] categories = IntStream.range(0, 50)
			.mapToObj((i) -> "\"".repeat(98) + "%02d".formatted(i))
			.toArray(String[]::new);
		ArticleEvents.Builder article = ArticleEvents.article().authors(authors).categories(categories);
		apply(article.published());

		FeedItem item = items(FeedKey.category(categories[49])).get(0);
		assertThat(item.id()).isEqualTo(article.id());
		assertThat(item.authors()).containsExactly(authors);
		assertThat(item.categories()).containsExactly(categories);
	}

	@Test
	void archiveHoldsEveryItemOfItsMonthAndNamesTheMonthsAroundIt() {
		ArticleEvents.Builder march = ArticleEvents.article()
			.categories("archived")
			.publishedAt(Instant.parse("2024-03-31T23:59:59Z"));
		ArticleEvents.Builder aprilFirst = ArticleEvents.article()
			.categories("archived")
			.publishedAt(Instant.parse("2024-04-01T00:00:00Z"));
		ArticleEvents.Builder aprilLast = ArticleEvents.article()
			.categories("archived")
			.publishedAt(Instant.parse("2024-04-30T23:59:59Z"));
		ArticleEvents.Builder july = ArticleEvents.article()
			.categories("archived")
			.publishedAt(Instant.parse("2024-07-02T00:00:00Z"));
		List.of(march, aprilFirst, aprilLast, july).forEach((article) -> apply(article.published()));

		FeedArchive april = this.catalog.archive(FeedKey.category("archived"), YearMonth.of(2024, 4)).orElseThrow();
		assertThat(april.items()).extracting(FeedItem::id).containsExactly(aprilLast.id(), aprilFirst.id());
		assertThat(april.previous()).isEqualTo(YearMonth.of(2024, 3));
		assertThat(april.next()).isEqualTo(YearMonth.of(2024, 7));
		assertThat(this.catalog.archive(FeedKey.category("archived"), YearMonth.of(2024, 3)).orElseThrow().previous())
			.isNull();
		assertThat(this.catalog.archive(FeedKey.category("archived"), YearMonth.of(2024, 5))).isEmpty();
		assertThat(this.catalog.archive(FeedKey.category("never-written"), YearMonth.of(2024, 4))).isEmpty();
		assertThat(this.catalog.archive(FeedKey.all(), YearMonth.of(2024, 4)).orElseThrow().items())
			.extracting(FeedItem::id)
			.contains(aprilLast.id(), aprilFirst.id())
			.doesNotContain(march.id(), july.id());
	}

	@Test
	void editChangesTheItemInPlaceAndMovesItBetweenFeeds() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("science");
		apply(article.published());
		article.version(2).title("Corrected").categories("culture").updatedAt(Instant.parse("2026-11-21T09:00:00Z"));
		assertThat(apply(article.updated())).contains(FeedKey.category("science"), FeedKey.category("culture"));

		FeedItem item = items(FeedKey.category("culture")).get(0);
		assertThat(item.id()).isEqualTo(article.id());
		assertThat(item.title()).isEqualTo("Corrected");
		assertThat(item.publishedAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
		assertThat(item.updatedAt()).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
		assertThat(items(FeedKey.category("science"))).isEmpty();
	}

	@Test
	void imageIsKeptWithTheItemAndAnEditReplacesOrRemovesIt() {
		ArticleEvents.Builder article = ArticleEvents.article()
			.categories("science")
			.image(new ArticleImage("https://images.example.org/comet.jpg", "A comet over the hills", 1200, 800));
		apply(article.published());
		assertThat(items(FeedKey.category("science")).get(0).image())
			.isEqualTo(new FeedImage("https://images.example.org/comet.jpg", "A comet over the hills", 1200, 800));

		apply(article.version(2).image("https://images.example.org/rule.svg", "").updated());
		assertThat(items(FeedKey.category("science")).get(0).image())
			.isEqualTo(new FeedImage("https://images.example.org/rule.svg", "", null, null));

		apply(article.version(3).image(null).updated());
		assertThat(items(FeedKey.category("science")).get(0).image()).isNull();
		assertThat(items(FeedKey.all())).filteredOn((item) -> item.id().equals(article.id()))
			.singleElement()
			.extracting(FeedItem::image)
			.isNull();
	}

	@Test
	void aRetractedItemKeepsNoImageAndALateCopyOfItsPublicationBringsNoneBack() {
		ArticleEvents.Builder article = ArticleEvents.article()
			.categories("science")
			.image("https://images.example.org/comet.jpg", "A comet");
		apply(article.published());
		assertThat(imageColumns(article)).containsOnly("https://images.example.org/comet.jpg", "A comet", null);
		apply(article.version(2).retracted());
		assertThat(imageColumns(article)).containsOnlyNulls();
		apply(article.version(1).published());
		assertThat(imageColumns(article)).containsOnlyNulls();
		assertThat(items(FeedKey.all())).extracting(FeedItem::id).doesNotContain(article.id());
	}

	private List<Object> imageColumns(ArticleEvents.Builder article) {
		return this.jdbc
			.sql("SELECT image_url, image_alt, image_width, image_height FROM feed_item WHERE article_id = :id")
			.param("id", article.id())
			.query((rs, row) -> java.util.Arrays.asList(rs.getObject(1), rs.getObject(2), rs.getObject(3),
					rs.getObject(4)))
			.single();
	}

	@Test
	void editThatMovesThePublicationTimeKeepsTheArticleOnceInEachOfItsFeedsInItsNewPlace() {
		ArticleEvents.Builder other = ArticleEvents.article()
			.categories("science")
			.authors("Mary Somerville")
			.publishedAt(Instant.parse("2026-11-20T12:00:00Z"));
		ArticleEvents.Builder article = ArticleEvents.article()
			.categories("science", "culture")
			.authors("Ada Lovelace", "Grace Hopper")
			.publishedAt(Instant.parse("2026-11-20T08:00:00Z"));
		apply(other.published());
		apply(article.published());
		// Kept: science and Ada Lovelace; left: culture and Grace Hopper; entered: SPORT.
		apply(article.version(2)
			.categories("Science", "sport")
			.authors("ada lovelace")
			.publishedAt(Instant.parse("2026-11-20T16:00:00Z"))
			.updated());

		assertThat(items(FeedKey.category("science"))).extracting(FeedItem::id)
			.containsExactly(article.id(), other.id());
		assertThat(items(FeedKey.category("sport"))).extracting(FeedItem::id).containsExactly(article.id());
		assertThat(items(FeedKey.authorSlug("ada-lovelace"))).extracting(FeedItem::id).containsExactly(article.id());
		assertThat(items(FeedKey.category("culture"))).isEmpty();
		assertThat(items(FeedKey.authorSlug("grace-hopper"))).isEmpty();

		// The same feeds again, in one batch with a second edit that moves it back.
		applyBatch(List.of(article.version(3).updated(),
				article.version(4).publishedAt(Instant.parse("2026-11-20T08:00:00Z")).updated()));
		assertThat(items(FeedKey.category("science"))).extracting(FeedItem::id)
			.containsExactly(other.id(), article.id());
		assertThat(items(FeedKey.category("sport"))).extracting(FeedItem::id).containsExactly(article.id());
	}

	@Test
	void articleAppearsInTheFeedOfItsLanguageAndOfItsPrimaryLanguage() {
		ArticleEvents.Builder british = ArticleEvents.article().language("en-GB");
		ArticleEvents.Builder american = ArticleEvents.article()
			.language("en-US")
			.publishedAt(Instant.parse("2026-11-20T09:00:00Z"));
		assertThat(apply(british.published())).contains(language("en-gb"), language("en"))
			.doesNotContain(language("en-us"));
		apply(american.published());

		assertThat(items(language("EN-gb"))).extracting(FeedItem::id).containsExactly(british.id());
		assertThat(items(language("en-US"))).extracting(FeedItem::id).containsExactly(american.id());
		assertThat(items(language("en"))).extracting(FeedItem::id).containsSubsequence(american.id(), british.id());
		assertThat(this.catalog.snapshot(language("en-gb"), 50)).get()
			.extracting(FeedSnapshot::name)
			.isEqualTo("en-GB");
	}

	@Test
	void changingTheLanguageMovesTheArticle() {
		ArticleEvents.Builder article = ArticleEvents.article().language("pt-BR");
		apply(article.published());
		assertThat(apply(article.version(2).language("pt-PT").updated())).contains(language("pt-br"), language("pt-pt"),
				language("pt"));

		assertThat(items(language("pt-br"))).isEmpty();
		assertThat(items(language("pt-pt"))).extracting(FeedItem::id).containsExactly(article.id());
		assertThat(items(language("pt"))).extracting(FeedItem::id).containsExactly(article.id());

		apply(article.version(3).language("de").updated());
		assertThat(items(language("pt"))).isEmpty();
		assertThat(items(language("de"))).extracting(FeedItem::id).containsExactly(article.id());
	}

	@Test
	void retractedArticleLeavesItsLanguageFeeds() {
		ArticleEvents.Builder article = ArticleEvents.article().language("zh-Hant-TW");
		apply(article.published());
		assertThat(items(language("zh-hant"))).extracting(FeedItem::id).containsExactly(article.id());

		assertThat(apply(article.version(2).retracted())).contains(language("zh-hant-tw"), language("zh-hant"),
				language("zh"));
		assertThat(items(language("zh-hant-tw"))).isEmpty();
		assertThat(items(language("zh-hant"))).isEmpty();
		assertThat(items(language("zh"))).isEmpty();
	}

	@Test
	void articleWithoutAWellFormedLanguageIsInNoLanguageFeed() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("no-language").language("not a tag");
		assertThat(apply(article.published())).contains(FeedKey.category("no-language"))
			.noneMatch((key) -> key.kind() == FeedKey.Kind.LANGUAGE);
		assertThat(items(FeedKey.category("no-language"))).extracting(FeedItem::id).containsExactly(article.id());

		// Given a language later, it enters that language's feed.
		apply(article.version(2).language("fr").updated());
		assertThat(items(language("fr"))).extracting(FeedItem::id).containsExactly(article.id());
	}

	@Test
	void duplicateAndOlderEventsChangeNothing() {
		ArticleEvents.Builder article = ArticleEvents.article();
		var first = article.published();
		apply(first);
		var edit = article.version(2).title("Second").updated();
		apply(edit);
		long revision = this.catalog.snapshot(FeedKey.all(), 50).orElseThrow().revision();

		assertThat(apply(first)).isEmpty();
		assertThat(apply(edit)).isEmpty();
		assertThat(items(FeedKey.all())).filteredOn((item) -> item.id().equals(article.id()))
			.extracting(FeedItem::title)
			.containsExactly("Second");
		assertThat(this.catalog.snapshot(FeedKey.all(), 50).orElseThrow().revision()).isEqualTo(revision);
	}

	@Test
	void retractedArticleDisappearsFromEveryFeedAndStaysGone() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("weather");
		var published = article.published();
		apply(published);
		apply(article.version(2).retracted());

		assertThat(items(FeedKey.all())).extracting(FeedItem::id).doesNotContain(article.id());
		assertThat(items(FeedKey.category("weather"))).isEmpty();
		assertThat(apply(published)).isEmpty();
		assertThat(this.catalog.applyTombstone(article.id())).isEmpty();
		assertThat(items(FeedKey.all())).extracting(FeedItem::id).doesNotContain(article.id());
	}

	@Test
	void tombstoneAloneRemovesTheArticle() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("sport");
		apply(article.published());
		assertThat(this.catalog.applyTombstone(article.id())).contains(FeedKey.all(), FeedKey.category("sport"));
		assertThat(items(FeedKey.category("sport"))).isEmpty();
		assertThat(apply(article.version(5).updated())).isEmpty();
	}

	@Test
	void unknownFeedsDoNotExistButTheMainFeedAlwaysDoes() {
		assertThat(this.catalog.snapshot(FeedKey.category("no-such-category"), 50)).isEmpty();
		assertThat(this.catalog.snapshot(FeedKey.authorSlug("nobody"), 50)).isEmpty();
		assertThat(this.catalog.snapshot(FeedKey.all(), 50)).isPresent();
	}

	@Test
	void feedsListNewestPublishedFirstUpToTheLimit() {
		ArticleEvents.Builder older = ArticleEvents.article()
			.categories("list")
			.publishedAt(Instant.parse("2026-01-01T00:00:00Z"));
		ArticleEvents.Builder newer = ArticleEvents.article()
			.categories("list")
			.publishedAt(Instant.parse("2026-02-01T00:00:00Z"));
		apply(newer.published());
		apply(older.published());
		assertThat(items(FeedKey.category("list"))).extracting(FeedItem::id).containsExactly(newer.id(), older.id());
		assertThat(this.catalog.snapshot(FeedKey.category("list"), 1).orElseThrow().items()).hasSize(1);
	}

	@Test
	void feedUpdatedTimeComesFromTheEventsSoAReplayGivesTheSameFeed() {
		ArticleEvents.Builder article = ArticleEvents.article()
			.categories("replay")
			.updatedAt(Instant.parse("2026-03-03T03:03:03Z"));
		apply(article.published());
		assertThat(this.catalog.snapshot(FeedKey.category("replay"), 50).orElseThrow().updatedAt())
			.isEqualTo(Instant.parse("2026-03-03T03:03:03Z"));
	}

	@Test
	void severalVersionsOfOneArticleInOneBatchEndWithTheNewestWhateverTheirOrder() {
		List<List<Integer>> orders = List.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0),
				List.of(2, 0, 1), List.of(2, 1, 0));
		for (List<Integer> order : orders) {
			ArticleEvents.Builder article = ArticleEvents.article().categories("batch-first");
			List<ArticleEvent> versions = List.of(article.title("First").published(),
					article.version(2).title("Second").categories("batch-second").updated(),
					article.version(3).title("Third").categories("batch-third").updated());
			applyBatch(order.stream().map(versions::get).toList());

			assertThat(items(FeedKey.all())).filteredOn((item) -> item.id().equals(article.id()))
				.extracting(FeedItem::title)
				.as("order %s", order)
				.containsExactly("Third");
			assertThat(items(FeedKey.category("batch-third"))).extracting(FeedItem::id).contains(article.id());
			assertThat(this.catalog.snapshot(FeedKey.category("batch-first"), 50)
				.map(FeedSnapshot::items)
				.orElse(List.of())).extracting(FeedItem::id).doesNotContain(article.id());
			assertThat(this.catalog.snapshot(FeedKey.category("batch-second"), 50)
				.map(FeedSnapshot::items)
				.orElse(List.of())).extracting(FeedItem::id).doesNotContain(article.id());
		}
	}

	@Test
	void duplicatesAndTombstonesInOneBatchEndAsOneByOne() {
		ArticleEvents.Builder kept = ArticleEvents.article().categories("batch-duplicates");
		ArticleEvents.Builder erased = ArticleEvents.article().categories("batch-duplicates");
		ArticleEvents.Builder neverSeen = ArticleEvents.article().categories("batch-duplicates");
		ArticleEvent keptEvent = kept.published();
		this.catalog.apply(List.of(ArticleEventsBinding.change(keptEvent), ArticleEventsBinding.change(keptEvent),
				ArticleEventsBinding.change(erased.published()), new ArticleChange.Erased(erased.id()),
				new ArticleChange.Erased(neverSeen.id()), ArticleEventsBinding.change(keptEvent)));

		assertThat(items(FeedKey.category("batch-duplicates"))).extracting(FeedItem::id).containsExactly(kept.id());
		long revision = this.catalog.snapshot(FeedKey.all(), 50).orElseThrow().revision();
		assertThat(applyBatch(List.of(keptEvent, erased.version(5).updated(), neverSeen.published()))).isEmpty();
		assertThat(items(FeedKey.category("batch-duplicates"))).extracting(FeedItem::id).containsExactly(kept.id());
		assertThat(this.catalog.snapshot(FeedKey.all(), 50).orElseThrow().revision()).isEqualTo(revision);
	}

	@Test
	void aRetractionBeforeAnOlderVersionInOneBatchKeepsTheArticleOut() {
		ArticleEvents.Builder article = ArticleEvents.article().categories("batch-retracted");
		ArticleEvent published = article.published();
		applyBatch(List.of(article.version(2).retracted(), published));

		assertThat(items(FeedKey.all())).extracting(FeedItem::id).doesNotContain(article.id());
		assertThat(this.catalog.snapshot(FeedKey.category("batch-retracted"), 50)).isEmpty();
	}

	@Test
	void aBatchTouchesEachFeedOnceWithItsNewestTimeAndAnnouncesOneChange() {
		this.events.clear();
		long allBefore = this.catalog.snapshot(FeedKey.all(), 50).orElseThrow().revision();
		List<ArticleEvent> batch = List.of(
				ArticleEvents.article()
					.categories("batch-once")
					.occurredAt(Instant.parse("2026-05-01T00:00:00Z"))
					.updatedAt(Instant.parse("2026-05-01T00:00:00Z"))
					.published(),
				ArticleEvents.article()
					.categories("Batch-Once")
					.occurredAt(Instant.parse("2026-05-03T00:00:00Z"))
					.updatedAt(Instant.parse("2026-05-03T00:00:00Z"))
					.published(),
				ArticleEvents.article()
					.categories("batch-once")
					.occurredAt(Instant.parse("2026-05-02T00:00:00Z"))
					.updatedAt(Instant.parse("2026-05-02T00:00:00Z"))
					.published());
		Set<FeedKey> changed = applyBatch(batch);

		FeedSnapshot feed = this.catalog.snapshot(FeedKey.category("batch-once"), 50).orElseThrow();
		assertThat(feed.items()).hasSize(3);
		assertThat(feed.revision()).isEqualTo(1);
		assertThat(feed.updatedAt()).isEqualTo(Instant.parse("2026-05-03T00:00:00Z"));
		assertThat(feed.name()).as("the name the last change gave it").isEqualTo("batch-once");
		assertThat(this.catalog.snapshot(FeedKey.all(), 50).orElseThrow().revision()).isEqualTo(allBefore + 1);
		assertThat(changed).contains(FeedKey.all(), FeedKey.category("batch-once"));
		assertThat(this.events.stream(FeedsChanged.class)).hasSize(1);
	}

	/** One batch, through the binding's translation. */
	private Set<FeedKey> applyBatch(List<ArticleEvent> events) {
		return this.catalog.apply(events.stream().map(ArticleEventsBinding::change).toList());
	}

	/** Through the binding's translation, as the topic delivers it. */
	private Set<FeedKey> apply(ArticleEvent event) {
		return this.catalog.apply(ArticleEventsBinding.change(event));
	}

	private static FeedKey language(String tag) {
		return FeedKey.language(tag).orElseThrow();
	}

	private List<FeedItem> items(FeedKey key) {
		return this.catalog.snapshot(key, 50).orElseThrow().items();
	}

	static class Config {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

}
