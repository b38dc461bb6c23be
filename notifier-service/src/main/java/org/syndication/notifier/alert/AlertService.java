package org.syndication.notifier.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.delivery.Deliveries;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides which events raise alerts. A publication raises one alert per matching
 * subscriber who takes alerts (and, for breaking news, per matching digest subscriber
 * too): the transaction that records the article starts its fan-out, which
 * {@link AlertFanouts} then queues in chunks, so a redelivered or duplicated event raises
 * nothing more; an edit raises nothing; a retraction cancels the alerts not yet sent, and
 * the fan-out stops. Old news raises nothing. The articles recorded here, with their
 * categories, are what digests are made of.
 * <p>
 * The events of one poll are applied together, in one transaction and with a few
 * statements for all of them, and leave what applying them one by one in their order
 * would leave.
 */
@Service
class AlertService {

	private static final Logger logger = LoggerFactory.getLogger(AlertService.class);

	private final ArticleRepository articles;

	private final Deliveries deliveries;

	private final AlertFanouts fanouts;

	private final NotifierProperties properties;

	private final Clock clock;

	AlertService(ArticleRepository articles, Deliveries deliveries, AlertFanouts fanouts, NotifierProperties properties,
			Clock clock) {
		this.articles = articles;
		this.deliveries = deliveries;
		this.fanouts = fanouts;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Applies the changes in their order, all or none.
	 * @param changes the events of one poll, or a part of them
	 */
	@Transactional
	void apply(List<ArticleChange> changes) {
		apply(changes, false);
	}

	/**
	 * Applies again, after a restore from an older backup, changes that the lost database
	 * had applied: the articles are recorded as they were, but a publication raises no
	 * alert, because its alerts were queued (and most likely sent) by the lost database,
	 * and it goes into no digest, which may have gone out with it too. A retraction still
	 * cancels what is queued. What the backup had queued and not sent before the lost
	 * database last worked, the lost database had most likely sent: those alerts and
	 * digests are cancelled, and those fan-outs stopped.
	 * @param changes the events of one poll, or a part of them
	 * @param lostDatabaseWorked when the lost database had last applied an event, as the
	 * newest of these events says; {@code null} if none says
	 */
	@Transactional
	void replay(List<ArticleChange> changes, Instant lostDatabaseWorked) {
		if (lostDatabaseWorked != null) {
			int stopped = this.fanouts.stopStartedBefore(lostDatabaseWorked);
			int cancelled = this.deliveries.cancelQueuedBefore(lostDatabaseWorked);
			if (stopped > 0 || cancelled > 0) {
				logger.warn(
						"Restored from an older backup: {} fan-outs stopped and {} mails cancelled that were "
								+ "queued before {}, when the lost database last applied an event",
						stopped, cancelled, lostDatabaseWorked);
			}
		}
		apply(changes, true);
	}

	private void apply(List<ArticleChange> changes, boolean replayed) {
		if (changes.isEmpty()) {
			return;
		}
		Instant now = Instant.now(this.clock);
		Instant oldest = now.minus(this.properties.alertWindow());
		Map<UUID, ArticleRow> rows = this.articles
			.recorded(changes.stream().map((change) -> change.article().id()).distinct().toList());
		List<ArticleRow> published = new ArrayList<>();
		Set<ArticleRow> retracted = new LinkedHashSet<>();
		for (ArticleChange change : changes) {
			Article article = change.article();
			ArticleRow row = rows.get(article.id());
			switch (change.kind()) {
				case PUBLISHED -> {
					if (change.occurredAt().isBefore(oldest) || article.publishedAt().isBefore(oldest)) {
						logger.debug("No alert for {}: older than the alert window", article.id());
					}
					else if (row == null) {
						row = ArticleRow.inserted(article, false, categories(article));
						row.trace = change.trace();
						row.replayed = replayed;
						rows.put(article.id(), row);
						if (!replayed) {
							published.add(row);
						}
					}
				}
				case UPDATED -> {
					if (row != null && !row.retracted && row.version < article.version()) {
						row.version = article.version();
						row.text = article;
						row.textChanged = true;
						row.categories = categories(article);
					}
				}
				case RETRACTED -> {
					if (row == null) {
						// Remember it, so that a late duplicate of the publication raises
						// nothing.
						rows.put(article.id(), ArticleRow.inserted(
								new Article(article.id(), article.version(), article.title(), null, null, article.url(),
										article.language(), List.of(), article.publishedAt(), article.breaking(), null),
								true, null));
					}
					else {
						row.retracted = true;
						row.retractedHere = true;
						row.version = article.version();
						retracted.add(row);
					}
				}
			}
		}
		this.articles.write(rows.values(), now);
		// The alerts are queued afterwards, in chunks (AlertFanouts); a publication
		// retracted within the batch starts none.
		List<StartedFanout> started = published.stream()
			.filter((row) -> !row.retracted)
			.map((row) -> new StartedFanout(row.id, row.publishedCategories, row.breaking, now))
			.toList();
		this.fanouts.start(started);
		int cancelled = 0;
		int stopped = 0;
		for (ArticleRow row : retracted) {
			if (!row.inserted) {
				// A fan-out under way stops at its next chunk, which finds the article
				// retracted; a chunk committed after this is cancelled when it is sent.
				cancelled += this.deliveries.cancelAlerts(row.id);
				stopped++;
			}
		}
		if (!started.isEmpty() || stopped > 0) {
			logger.info(
					"{} events: {} articles published, their alerts to be queued; {} retracted, {} alerts cancelled",
					changes.size(), started.size(), stopped, cancelled);
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

}
