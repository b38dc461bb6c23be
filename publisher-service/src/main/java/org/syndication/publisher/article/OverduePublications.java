package org.syndication.publisher.article;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Scheduled articles that are late, in numbers: how many are past their publication time
 * without being published, and how far past it the most overdue one is. Articles come due
 * all the time and are published within a poll interval, so an alert looks at the age,
 * not at the count alone.
 */
@Component
class OverduePublications {

	private final ArticleRepository articles;

	private final Clock clock;

	private final AtomicReference<ArticleRepository.Overdue> overdue = new AtomicReference<>(
			ArticleRepository.Overdue.NONE);

	OverduePublications(ArticleRepository articles, Clock clock, MeterRegistry registry) {
		this.articles = articles;
		this.clock = clock;
		Gauge.builder("publisher.scheduled.overdue", this.overdue, (o) -> o.get().articles())
			.description("Scheduled articles whose publication time has passed and that are not published yet")
			.baseUnit("articles")
			.register(registry);
		Gauge.builder("publisher.scheduled.overdue.age", this.overdue, (o) -> o.get().longest().toMillis() / 1000.0)
			.description("How far past its publication time the most overdue scheduled article is; 0 when none is")
			.baseUnit("seconds")
			.register(registry);
	}

	// Read on a timer rather than on every scrape, so that scrapes never query the
	// database.
	void refresh() {
		this.overdue.set(this.articles.scheduledOverdue(Instant.now(this.clock)));
	}

}
