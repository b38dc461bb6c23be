package org.syndication.publisher.article;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An article as the publisher keeps it.
 */
record Article(UUID id, long version, ArticleStatus status, String title, String summary, String contentHtml,
		String url, List<String> authors, List<String> categories, String language, boolean breaking, Image image,
		Instant publishedAt, Instant createdAt, Instant updatedAt) {

	Article {
		authors = List.copyOf(authors);
		categories = List.copyOf(categories);
	}

	/** The next version of this article, with the given content and status. */
	Article revise(ArticleContent content, ArticleStatus newStatus, Instant newPublishedAt, Instant now) {
		return new Article(this.id, this.version + 1, newStatus, content.title(), content.summary(),
				content.contentHtml(), content.url(), content.authors(), content.categories(), content.language(),
				content.breaking(), content.image(), newPublishedAt, this.createdAt, now);
	}

	/** The next version of this article, with only its status changed. */
	Article withStatus(ArticleStatus newStatus, Instant now) {
		return new Article(this.id, this.version + 1, newStatus, this.title, this.summary, this.contentHtml, this.url,
				this.authors, this.categories, this.language, this.breaking, this.image, this.publishedAt,
				this.createdAt, now);
	}

}
