package org.syndication.publisher.article;

import java.time.Instant;

import org.syndication.publisher.editor.ApiKeys;

/**
 * One version of an article in its history: who made it, when, and what it did to the
 * article's status.
 *
 * @param version the version this change made
 * @param status the status after the change
 * @param previousStatus the status before it; {@code null} for the version that created
 * the article
 * @param actor the API key's or the user's name, or {@value ArticleRevision#SCHEDULER}
 * for a scheduled publication
 * @param actorRole the role the actor held, {@code null} for the scheduler
 * @param at when
 */
record ArticleRevision(long version, ArticleStatus status, ArticleStatus previousStatus, String actor, String actorRole,
		Instant at) {

	/** The actor of the publications that come when their scheduled time has come. */
	static final String SCHEDULER = ApiKeys.SCHEDULER_NAME;

	/** What the change did: {@code created}, {@code edited}, {@code published}… */
	String change() {
		if (this.previousStatus == null) {
			return "created";
		}
		if (this.previousStatus == this.status) {
			return "edited";
		}
		return switch (this.status) {
			case DRAFT -> "unscheduled";
			case SCHEDULED -> "scheduled";
			case PUBLISHED -> "published";
			case RETRACTED -> "retracted";
		};
	}

}
