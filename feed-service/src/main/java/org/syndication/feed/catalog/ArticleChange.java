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
	 * Published or edited: the article as feeds now show it.
	 *
	 * @param version grows with every change of the article; an older or equal one
	 * changes nothing
	 * @param occurredAt when it happened; feeds take their updated time from it, so a
	 * replay matches
	 */
	record Revised(FeedItem item, long version, Instant occurredAt) implements ArticleChange {

		@Override
		public UUID articleId() {
			return this.item.id();
		}

	}

	/** Withdrawn for good, at a version. */
	record Retracted(UUID articleId, long version, Instant occurredAt) implements ArticleChange {

	}

	/**
	 * A tombstone: the article is gone for good, whatever version comes later.
	 */
	record Erased(UUID articleId) implements ArticleChange {

	}

}
