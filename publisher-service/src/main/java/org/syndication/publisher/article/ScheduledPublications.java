package org.syndication.publisher.article;

import java.util.UUID;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.MDC;
import org.syndication.web.pipeline.Traces;

import org.springframework.stereotype.Component;

/**
 * Publishes scheduled articles within a second or so of their {@code publishedAt}.
 */
@Component
class ScheduledPublications {

	private final ArticleService articles;

	private final Traces traces;

	ScheduledPublications(ArticleService articles, Traces traces) {
		this.articles = articles;
		this.traces = traces;
	}

	/** Whether an article is due, asked before the scheduler lock is taken. */
	boolean anyDue() {
		return !this.articles.scheduledDue().isEmpty();
	}

	/**
	 * Publishes each due article in a trace of its own, which its event then carries to
	 * the other services: no request of an editor is there to start one.
	 */
	@SchedulerLock(name = "scheduled-publications")
	void publishDue() {
		for (UUID id : this.articles.scheduledDue()) {
			Span span = this.traces.start("article scheduled publication", null, null).tag("article.id", id.toString());
			try (Tracer.SpanInScope scope = this.traces.inScope(span);
					MDC.MDCCloseable article = MDC.putCloseable("articleId", id.toString())) {
				this.articles.publishIfDue(id);
			}
			catch (RuntimeException ex) {
				span.error(ex);
				throw ex;
			}
			finally {
				span.end();
			}
		}
	}

}
