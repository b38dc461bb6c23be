package org.syndication.notifier.alert;

import java.time.Instant;

/**
 * One event of the topic in the alert service's terms.
 *
 * @param kind what happened to the article
 * @param article the article as the event has it
 * @param occurredAt when it happened, which may be long before it reaches here
 */
record ArticleChange(Kind kind, Article article, Instant occurredAt) {

	enum Kind {

		PUBLISHED, UPDATED, RETRACTED

	}

}
