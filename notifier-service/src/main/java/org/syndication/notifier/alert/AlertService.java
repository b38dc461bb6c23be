package org.syndication.notifier.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.delivery.Deliveries;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides which events raise alerts. A publication queues one alert per matching
 * subscriber who takes alerts (and, for breaking news, per matching digest subscriber
 * too), in the same transaction that records the article, so a redelivered or duplicated
 * event queues nothing more; an edit queues nothing; a retraction cancels the alerts not
 * yet sent. Old news raises nothing. The articles recorded here, with their categories,
 * are what digests are made of.
 */
@Service
class AlertService {

	private static final Logger logger = LoggerFactory.getLogger(AlertService.class);

	private final JdbcClient jdbc;

	private final Deliveries deliveries;

	private final NotifierProperties properties;

	private final Clock clock;

	AlertService(JdbcClient jdbc, Deliveries deliveries, NotifierProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.deliveries = deliveries;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A publication.
	 * @param article the article
	 * @param occurredAt when it was published, which may be long before it reaches here
	 */
	@Transactional
	void published(Article article, Instant occurredAt) {
		Instant now = Instant.now(this.clock);
		Instant oldest = now.minus(this.properties.alertWindow());
		if (occurredAt.isBefore(oldest) || article.publishedAt().isBefore(oldest)) {
			logger.debug("No alert for {}: older than the alert window", article.id());
			return;
		}
		if (exists(article)) {
			return;
		}
		this.jdbc.sql("""
				INSERT INTO article_alert (article_id, version, title, summary, content_html, url, language,
				published_at, retracted, received_at) VALUES (:id, :version, :title, :summary, :contentHtml, :url,
				:language, :publishedAt, FALSE, :now)""")
			.param("id", article.id())
			.param("version", article.version())
			.param("title", article.title())
			.param("summary", article.summary())
			.param("contentHtml", article.contentHtml())
			.param("url", article.url())
			.param("language", article.language())
			.param("publishedAt", utc(article.publishedAt()))
			.param("now", utc(now))
			.update();
		List<String> categories = categories(article);
		replaceCategories(article.id(), categories);
		int queued = this.deliveries.enqueueAlerts(article.id(), categories, article.breaking(), now);
		logger.info("Article {} published{}: {} alerts queued", article.id(), article.breaking() ? " (breaking)" : "",
				queued);
	}

	/**
	 * An edit sends nothing, but alerts and digests still waiting go out with the newest
	 * text, and digests match the newest categories.
	 */
	@Transactional
	void updated(Article article) {
		int changed = this.jdbc.sql("""
				UPDATE article_alert SET version = :version, title = :title, summary = :summary,
				content_html = :contentHtml, url = :url, language = :language
				WHERE article_id = :id AND version < :version AND retracted = FALSE""")
			.param("id", article.id())
			.param("version", article.version())
			.param("title", article.title())
			.param("summary", article.summary())
			.param("contentHtml", article.contentHtml())
			.param("url", article.url())
			.param("language", article.language())
			.update();
		if (changed > 0) {
			replaceCategories(article.id(), categories(article));
		}
	}

	@Transactional
	void retracted(Article article) {
		if (!exists(article)) {
			// Remember it, so that a late duplicate of the publication raises nothing.
			this.jdbc.sql("""
					INSERT INTO article_alert (article_id, version, title, url, language, published_at, retracted,
					received_at) VALUES (:id, :version, :title, :url, :language, :publishedAt, TRUE, :now)""")
				.param("id", article.id())
				.param("version", article.version())
				.param("title", article.title())
				.param("url", article.url())
				.param("language", article.language())
				.param("publishedAt", utc(article.publishedAt()))
				.param("now", utc(Instant.now(this.clock)))
				.update();
			return;
		}
		this.jdbc.sql("UPDATE article_alert SET retracted = TRUE, version = :version WHERE article_id = :id")
			.param("id", article.id())
			.param("version", article.version())
			.update();
		int cancelled = this.deliveries.cancelAlerts(article.id());
		logger.info("Article {} retracted: {} alerts not yet sent were cancelled", article.id(), cancelled);
	}

	private void replaceCategories(UUID articleId, List<String> categories) {
		this.jdbc.sql("DELETE FROM article_category WHERE article_id = :id").param("id", articleId).update();
		for (String category : categories) {
			this.jdbc.sql("INSERT INTO article_category (article_id, category) VALUES (:id, :category)")
				.param("id", articleId)
				.param("category", category)
				.update();
		}
	}

	/** Categories match case-insensitively, as feeds and subscriptions do. */
	private static List<String> categories(Article article) {
		return article.categories()
			.stream()
			.map((category) -> category.strip().toLowerCase(Locale.ROOT))
			.distinct()
			.toList();
	}

	private boolean exists(Article article) {
		return this.jdbc.sql("SELECT COUNT(*) FROM article_alert WHERE article_id = :id")
			.param("id", article.id())
			.query(Long.class)
			.single() > 0;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
