package org.syndication.feed.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.feed.rendering.FeedItem;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 8 on a database whose articles were stored before language feeds existed.
 */
class LanguageFeedsMigrationTests {

	private static final Instant PUBLISHED = Instant.parse("2026-11-20T08:00:00Z");

	private final SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:language-feeds-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private FeedCatalog catalog;

	@BeforeEach
	void migrateUpToLanguageFeeds() {
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration")
			.target("7?")
			.load()
			.migrate();
		JsonMapper json = JsonMapper.builder().build();
		this.catalog = new FeedCatalog(new ArticleRepository(this.jdbc, json), new FeedItemRepository(this.jdbc, json),
				new FeedStateRepository(this.jdbc), (event) -> {
				}, Clock.systemUTC());
	}

	@Test
	void articlesStoredBeforeLanguageFeedsAreInTheFeedsOfTheirLanguage() {
		UUID british = storeLive("en-GB", PUBLISHED, Instant.parse("2026-11-21T10:00:00Z"));
		UUID american = storeLive("en-US", PUBLISHED.plusSeconds(60), Instant.parse("2026-11-22T10:00:00Z"));
		UUID german = storeLive("de", PUBLISHED, PUBLISHED);
		UUID unreadable = storeLive("en_GB", PUBLISHED, PUBLISHED);
		this.jdbc.update("INSERT INTO feed_item (article_id, version, retracted) VALUES (?, 3, TRUE)",
				UUID.randomUUID());

		migrate();

		assertThat(items("en")).extracting(FeedItem::id).containsExactly(american, british);
		assertThat(items("en-gb")).extracting(FeedItem::id).containsExactly(british);
		assertThat(items("de")).extracting(FeedItem::id).containsExactly(german);
		FeedSnapshot english = this.catalog.snapshot(language("en"), 50).orElseThrow();
		assertThat(english.name()).isEqualTo("en");
		assertThat(english.updatedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
		assertThat(this.catalog.snapshot(language("en-gb"), 50).orElseThrow().name()).isEqualTo("en-GB");
		assertThat(this.catalog.feeds()).extracting(FeedState::storageKey)
			.containsExactly("language:de", "language:en", "language:en-gb", "language:en-us");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM feed_membership WHERE article_id = ?", Long.class,
				unreadable))
			.isZero();
	}

	@Test
	void anEditAfterTheMigrationMovesAStoredArticleOutOfItsOldLanguageFeeds() {
		ArticleEvents.Builder article = ArticleEvents.article().language("en-GB");
		this.catalog.apply(ArticleEventsBinding.change(article.published()));
		// As the version before language feeds left it: the article without them.
		this.jdbc.update("DELETE FROM feed_membership WHERE feed_key LIKE 'language:%'");
		this.jdbc.update("DELETE FROM feed_state WHERE feed_key LIKE 'language:%'");

		migrate();
		assertThat(items("en-gb")).extracting(FeedItem::id).containsExactly(article.id());
		this.catalog.apply(ArticleEventsBinding.change(article.version(2).language("fr").updated()));

		assertThat(items("en-gb")).isEmpty();
		assertThat(items("en")).isEmpty();
		assertThat(items("fr")).extracting(FeedItem::id).containsExactly(article.id());
	}

	private void migrate() {
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration")
			.javaMigrations(new LanguageFeedsMigration())
			.target("8")
			.load()
			.migrate();
	}

	private UUID storeLive(String language, Instant publishedAt, Instant updatedAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO feed_item (article_id, version, retracted, title, summary, content_html, url, authors,
				categories, language, published_at, updated_at) VALUES (?, 1, FALSE, 'Title', 'Summary', '<p>Body</p>',
				'https://news.example/a', '["Ada Lovelace"]', '[]', ?, ?, ?)""", id, language,
				publishedAt.atOffset(ZoneOffset.UTC), updatedAt.atOffset(ZoneOffset.UTC));
		return id;
	}

	private List<FeedItem> items(String tag) {
		return this.catalog.snapshot(language(tag), 50).orElseThrow().items();
	}

	private static FeedKey language(String tag) {
		return FeedKey.language(tag).orElseThrow();
	}

}
