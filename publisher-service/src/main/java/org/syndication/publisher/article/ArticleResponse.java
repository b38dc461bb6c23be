package org.syndication.publisher.article;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An article as the API shows it to editors.
 */
record ArticleResponse(UUID id, long version, ArticleStatus status, String title, String summary, String contentHtml,
		String url, List<String> authors, List<String> categories, String language, boolean breaking, Image image,
		Instant publishedAt, Instant createdAt, Instant updatedAt) {

	static ArticleResponse of(Article article) {
		return new ArticleResponse(article.id(), article.version(), article.status(), article.title(),
				article.summary(), article.contentHtml(), article.url(), article.authors(), article.categories(),
				article.language(), article.breaking(), article.image(), article.publishedAt(), article.createdAt(),
				article.updatedAt());
	}

}
