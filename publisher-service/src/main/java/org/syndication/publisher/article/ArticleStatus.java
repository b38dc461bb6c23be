package org.syndication.publisher.article;

/**
 * Where an article is in its life. Only {@link #PUBLISHED} articles are visible to
 * readers and partners.
 */
public enum ArticleStatus {

	/** Held back by the editor; no event has been sent. */
	DRAFT,

	/** Waiting for its {@code publishedAt}; published within seconds of it. */
	SCHEDULED,

	/** Live. */
	PUBLISHED,

	/** Withdrawn for good. */
	RETRACTED

}
