package org.syndication.notifier.alert;

import java.time.Instant;

/**
 * One event of the topic in the alert service's terms.
 *
 * @param kind what happened to the article
 * @param article the article as the event has it
 * @param occurredAt when it happened, which may be long before it reaches here
 * @param trace the trace it travels in (a W3C {@code traceparent}), which its alerts
 * join; {@code null} when it is not traced
 */
record ArticleChange(Kind kind, Article article, Instant occurredAt, String trace) {

	ArticleChange(Kind kind, Article article, Instant occurredAt) {
		this(kind, article, occurredAt, null);
	}

	enum Kind {

		PUBLISHED, UPDATED, RETRACTED

	}

}
