package org.syndication.publisher.article;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The versions of an article, oldest first, with who made each.
 *
 * @param articleId the article
 * @param versions its versions
 */
record ArticleHistory(UUID articleId, List<Version> versions) {

	static ArticleHistory of(UUID articleId, List<ArticleRevision> revisions) {
		return new ArticleHistory(articleId,
				revisions.stream()
					.map((revision) -> new Version(revision.version(), revision.change(), revision.status(),
							revision.previousStatus(), revision.actor(), revision.actorRole(), revision.at()))
					.toList());
	}

	/**
	 * One version.
	 *
	 * @param version the version number, as in the article's ETag
	 * @param change {@code created}, {@code edited}, {@code scheduled},
	 * {@code unscheduled}, {@code published} or {@code retracted}
	 * @param status the status after the change
	 * @param previousStatus the status before it, absent for the first version
	 * @param actor who made the change: an API key's name, a user's name, or
	 * {@code scheduler}
	 * @param actorRole the role the actor held then
	 * @param at when
	 */
	record Version(long version, String change, ArticleStatus status, ArticleStatus previousStatus, String actor,
			String actorRole, Instant at) {

	}

}
