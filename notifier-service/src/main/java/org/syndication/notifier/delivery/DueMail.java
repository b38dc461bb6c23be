package org.syndication.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A queued mail whose time has come, with what is needed to compose it.
 */
record DueMail(long id, Kind kind, UUID articleId, UUID subscriberId, int attempts, Instant createdAt, String email,
		String subscriberStatus, int generation, Instant requestedAt, boolean suppressed, Article article) {

	enum Kind {

		ALERT, CONFIRMATION

	}

	/** The article of an alert; {@code null} for a confirmation. */
	record Article(String title, String summary, String contentHtml, String url, String language, boolean retracted) {

	}

	/**
	 * Whether the mail may still go out: the subscription and the article are as they
	 * were.
	 */
	boolean stillWanted() {
		return switch (this.kind) {
			case ALERT -> "CONFIRMED".equals(this.subscriberStatus) && !this.suppressed && this.article != null
					&& !this.article.retracted();
			case CONFIRMATION -> "PENDING".equals(this.subscriberStatus);
		};
	}

}
