package org.syndication.publisher.article;

import java.time.Duration;
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
				null, article.publishedAt(), article.createdAt(), article.updatedAt());
		this.articles.insert(breaking);
		assertThat(this.articles.findById(breaking.id())).contains(breaking);
		Article retracted = breaking.withStatus(ArticleStatus.RETRACTED, NOW.plusSeconds(5));
		assertThat(this.articles.update(retracted, 1)).isTrue();
		assertThat(this.articles.findById(breaking.id())).get().extracting(Article::breaking).isEqualTo(true);
	}

	@Test
	void imageRoundTripsWithOrWithoutItsSizeAndStaysWhenItsStatusChanges() {
		for (Image image : List.of(new Image("https://images.example.org/a.jpg", "Ein Fahrrad & <Kind>", 1200, 800),
				new Image("https://images.example.org/rule.svg", "", null, null))) {
			Article article = withImage(article(ArticleStatus.PUBLISHED, NOW), image);
			this.articles.insert(article);
			assertThat(this.articles.findById(article.id())).contains(article);
			Article retracted = article.withStatus(ArticleStatus.RETRACTED, NOW.plusSeconds(5));
			assertThat(this.articles.update(retracted, 1)).isTrue();
			assertThat(this.articles.findById(article.id())).get().extracting(Article::image).isEqualTo(image);
		}
	}

	@Test
	void articleWithoutImageReadsWithoutOneAndAnUpdateRemovesAnImage() {
		Article plain = article(ArticleStatus.PUBLISHED, NOW);
		this.articles.insert(plain);
		assertThat(this.articles.findById(plain.id())).get().extracting(Article::image).isNull();
		Article illustrated = withImage(article(ArticleStatus.PUBLISHED, NOW),
				new Image("https://images.example.org/a.jpg", "A bicycle", 640, null));
		this.articles.insert(illustrated);
		Article withoutImage = illustrated.revise(new ArticleContent(illustrated.title(), illustrated.summary(),
				illustrated.contentHtml(), illustrated.url(), illustrated.authors(), illustrated.categories(),
				illustrated.language(), false, null), ArticleStatus.PUBLISHED, NOW, NOW.plusSeconds(5));
		assertThat(this.articles.update(withoutImage, 1)).isTrue();
		assertThat(this.articles.findById(illustrated.id())).contains(withoutImage);
		assertThat(withoutImage.image()).isNull();
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

	@Test
	void overdueAreTheScheduledArticlesPastTheirTimeWithHowFarPastItTheFirstIs() {
		Article first = article(ArticleStatus.SCHEDULED, NOW.minusSeconds(90));
		Article second = article(ArticleStatus.SCHEDULED, NOW.minusSeconds(1));
		Article later = article(ArticleStatus.SCHEDULED, NOW.plusSeconds(60));
		Article live = article(ArticleStatus.PUBLISHED, NOW.minusSeconds(600));
		Article draft = article(ArticleStatus.DRAFT, NOW.minusSeconds(600));
		List.of(first, second, later, live, draft).forEach(this.articles::insert);

		assertThat(this.articles.scheduledOverdue(NOW))
			.isEqualTo(new ArticleRepository.Overdue(2, Duration.ofSeconds(90)));
		assertThat(this.articles.scheduledOverdue(NOW.minusSeconds(91))).isEqualTo(ArticleRepository.Overdue.NONE);
	}

	private static Article withImage(Article article, Image image) {
		return new Article(article.id(), article.version(), article.status(), article.title(), article.summary(),
				article.contentHtml(), article.url(), article.authors(), article.categories(), article.language(),
				article.breaking(), image, article.publishedAt(), article.createdAt(), article.updatedAt());
	}

	private static Article article(ArticleStatus status, Instant publishedAt) {
		UUID id = UUID.randomUUID();
		return new Article(id, 1, status, "标题 & <title>", "Summary 🚲", "<p>Body</p>", "https://example.org/" + id,
				List.of("Ada Lovelace", "Grace Hopper"), List.of("science"), "zh-Hans", false, null, publishedAt,
				publishedAt.minusSeconds(30), publishedAt.minusSeconds(30));
	}

}
