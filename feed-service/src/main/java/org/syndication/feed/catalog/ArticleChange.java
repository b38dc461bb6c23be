package org.syndication.feed.catalog;

import java.time.Instant;
import java.util.UUID;

import org.syndication.feed.rendering.FeedItem;

/**
 * A change to one article in the catalog's terms; the topic binding makes it from the
 * event, so that the catalog never sees the event contract.
 */
sealed interface ArticleChange {

	UUID articleId();

	/** Grows with every change of the article; an older or equal one changes nothing. */
	long version();

	/** When it happened; feeds take their updated time from it, so a replay matches. */
	Instant occurredAt();

	/** Published or edited: the article as feeds now show it. */
	record Revised(FeedItem item, long version, Instant occurredAt) implements ArticleChange {

		@Override
		public UUID articleId() {
			return this.item.id();
		}

	}

	/** Withdrawn for good. */
	record Retracted(UUID articleId, long version, Instant occurredAt) implements ArticleChange {

	}

}
