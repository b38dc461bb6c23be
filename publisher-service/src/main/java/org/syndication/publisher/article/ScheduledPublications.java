package org.syndication.publisher.article;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.stereotype.Component;

/**
 * Publishes scheduled articles within a second or so of their {@code publishedAt}.
 */
@Component
class ScheduledPublications {

	private final ArticleService articles;

	ScheduledPublications(ArticleService articles) {
		this.articles = articles;
	}

	/** Whether an article is due, asked before the scheduler lock is taken. */
	boolean anyDue() {
		return !this.articles.scheduledDue().isEmpty();
	}

	@SchedulerLock(name = "scheduled-publications")
	void publishDue() {
		this.articles.scheduledDue().forEach(this.articles::publishIfDue);
	}

}
