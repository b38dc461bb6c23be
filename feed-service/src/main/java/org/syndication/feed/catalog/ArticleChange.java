package org.syndication.feed.catalog;

import java.time.Instant;
import java.util.UUID;

import org.syndication.feed.rendering.FeedItem;

/**
 * A change to one article in the catalog's terms; the topic binding makes it from the
 * record, so that the catalog never sees the event contract.
 */
sealed interface ArticleChange {

	UUID articleId();

	/**
	 * @return the trace the change travels in (a W3C {@code traceparent}), so that what
	 * it causes later joins it; {@code null} when it is not traced
	 */
	String trace();

	/**
	 * Published or edited: the article as feeds now show it.
	 *
	 * @param version grows with every change of the article; an older or equal one
	 * changes nothing
	 * @param occurredAt when it happened; feeds take their updated time from it, so a
	 * replay matches
	 */
	record Revised(FeedItem item, long version, Instant occurredAt, String trace) implements ArticleChange {

		Revised(FeedItem item, long version, Instant occurredAt) {
			this(item, version, occurredAt, null);
		}

		@Override
		public UUID articleId() {
			return this.item.id();
		}

	}

	/** Withdrawn for good, at a version. */
	record Retracted(UUID articleId, long version, Instant occurredAt, String trace) implements ArticleChange {

		Retracted(UUID articleId, long version, Instant occurredAt) {
			this(articleId, version, occurredAt, null);
		}

	}

	/**
	 * A tombstone: the article is gone for good, whatever version comes later.
	 */
	record Erased(UUID articleId, String trace) implements ArticleChange {

		Erased(UUID articleId) {
			this(articleId, null);
		}

	}

}
