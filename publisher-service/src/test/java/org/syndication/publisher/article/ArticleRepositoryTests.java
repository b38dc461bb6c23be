package org.syndication.publisher.article;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.autoconfigure.json.AutoConfigureJson;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The article table on H2; {@link ArticleRepositoryPostgresTests} runs the same tests on
 * PostgreSQL.
 */
@JdbcTest
@AutoConfigureJson
@Import(ArticleRepository.class)
class ArticleRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123Z");

	@Autowired
	private ArticleRepository articles;

	@Test
	void articleRoundTripsWithEveryField() {
		Article article = article(ArticleStatus.PUBLISHED, NOW);
		this.articles.insert(article);
		assertThat(this.articles.findById(article.id())).contains(article);
	}

	@Test
	void breakingArticleRoundTripsAndStaysBreakingWhenItsStatusChanges() {
		Article article = article(ArticleStatus.PUBLISHED, NOW);
		Article breaking = new Article(article.id(), 1, article.status(), article.title(), article.summary(),
				article.contentHtml(), article.url(), article.authors(), article.categories(), article.language(), true,
				article.publishedAt(), article.createdAt(), article.updatedAt());
		this.articles.insert(breaking);
		assertThat(this.articles.findById(breaking.id())).contains(breaking);
		Article retracted = breaking.withStatus(ArticleStatus.RETRACTED, NOW.plusSeconds(5));
		assertThat(this.articles.update(retracted, 1)).isTrue();
		assertThat(this.articles.findById(breaking.id())).get().extracting(Article::breaking).isEqualTo(true);
	}

	@Test
	void updateSucceedsOnlyFromTheExpectedVersion() {
		Article article = article(ArticleStatus.PUBLISHED, NOW);
		this.articles.insert(article);
		Article next = article.withStatus(ArticleStatus.RETRACTED, NOW.plusSeconds(5));
		assertThat(this.articles.update(next, 7)).isFalse();
		assertThat(this.articles.update(next, 1)).isTrue();
		assertThat(this.articles.update(next, 1)).isFalse();
		assertThat(this.articles.findById(article.id())).contains(next);
	}

	@Test
	void pagesListNewestFirst() {
		Article older = article(ArticleStatus.PUBLISHED, NOW.minus(2, ChronoUnit.DAYS));
		Article newer = article(ArticleStatus.DRAFT, NOW.minus(1, ChronoUnit.DAYS));
		this.articles.insert(older);
		this.articles.insert(newer);
		assertThat(this.articles.findPage(0, 1)).extracting(Article::id).containsExactly(newer.id());
		assertThat(this.articles.findPage(1, 1)).extracting(Article::id).containsExactly(older.id());
		assertThat(this.articles.count()).isEqualTo(2);
	}

	@Test
	void onlyScheduledArticlesWhoseTimeHasComeAreDue() {
		Article due = article(ArticleStatus.SCHEDULED, NOW.minusSeconds(1));
		Article later = article(ArticleStatus.SCHEDULED, NOW.plusSeconds(60));
		Article live = article(ArticleStatus.PUBLISHED, NOW.minusSeconds(60));
		List.of(due, later, live).forEach(this.articles::insert);
		assertThat(this.articles.findScheduledDue(NOW, 10)).containsExactly(due.id());
	}

	private static Article article(ArticleStatus status, Instant publishedAt) {
		UUID id = UUID.randomUUID();
		return new Article(id, 1, status, "标题 & <title>", "Summary 🚲", "<p>Body</p>", "https://example.org/" + id,
				List.of("Ada Lovelace", "Grace Hopper"), List.of("science"), "zh-Hans", false, publishedAt,
				publishedAt.minusSeconds(30), publishedAt.minusSeconds(30));
	}

}
