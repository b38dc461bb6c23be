package org.syndication.notifier.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	/** Article ids per {@code IN} list when reading what is recorded. */
	private static final int IDS_PER_QUERY = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final Deliveries deliveries;

	private final AlertFanouts fanouts;

	private final NotifierProperties properties;

	private final Clock clock;

	AlertService(JdbcClient jdbc, JdbcTemplate batches, Deliveries deliveries, AlertFanouts fanouts,
			NotifierProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.batches = batches;
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
		Map<UUID, Row> rows = recorded(changes);
		List<Row> published = new ArrayList<>();
		Set<Row> retracted = new LinkedHashSet<>();
		for (ArticleChange change : changes) {
			Article article = change.article();
			Row row = rows.get(article.id());
			switch (change.kind()) {
				case PUBLISHED -> {
					if (change.occurredAt().isBefore(oldest) || article.publishedAt().isBefore(oldest)) {
						logger.debug("No alert for {}: older than the alert window", article.id());
					}
					else if (row == null) {
						row = Row.inserted(article, false, categories(article));
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
						rows.put(article.id(), Row.inserted(
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
		write(rows.values(), now);
		// The alerts are queued afterwards, in chunks (AlertFanouts); a publication
		// retracted within the batch starts none.
		List<AlertFanouts.Started> started = published.stream()
			.filter((row) -> !row.retracted)
			.map((row) -> new AlertFanouts.Started(row.id, row.publishedCategories, row.breaking, now))
			.toList();
		this.fanouts.start(started);
		int cancelled = 0;
		int stopped = 0;
		for (Row row : retracted) {
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

	/** The rows already recorded for the changes' articles. */
	private Map<UUID, Row> recorded(List<ArticleChange> changes) {
		List<UUID> ids = changes.stream().map((change) -> change.article().id()).distinct().toList();
		Map<UUID, Row> rows = new HashMap<>();
		for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
			this.jdbc.sql("SELECT article_id, version, retracted FROM article_alert WHERE article_id IN (:ids)")
				.param("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
				.query((rs, number) -> new Row(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBoolean(3)))
				.list()
				.forEach((row) -> rows.put(row.id, row));
		}
		return rows;
	}

	private void write(Iterable<Row> rows, Instant now) {
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> edits = new ArrayList<>();
		List<Object[]> retractions = new ArrayList<>();
		List<Object[]> categoryOwners = new ArrayList<>();
		List<Object[]> categories = new ArrayList<>();
		for (Row row : rows) {
			Article text = row.text;
			if (row.inserted) {
				inserts.add(new Object[] { row.id, row.version, text.title(), text.summary(), text.contentHtml(),
						text.url(), text.language(), utc(text.publishedAt()), row.retracted, utc(now), imageUrl(text),
						imageAlt(text), imageWidth(text), imageHeight(text), row.trace, row.replayed });
			}
			else {
				if (row.textChanged) {
					edits.add(new Object[] { row.version, text.title(), text.summary(), text.contentHtml(), text.url(),
							text.language(), imageUrl(text), imageAlt(text), imageWidth(text), imageHeight(text),
							row.id });
				}
				if (row.retractedHere) {
					retractions.add(new Object[] { row.version, row.id });
				}
			}
			if (row.categories != null) {
				if (!row.inserted) {
					categoryOwners.add(new Object[] { row.id });
				}
				row.categories.forEach((category) -> categories.add(new Object[] { row.id, category }));
			}
		}
		this.batches.batchUpdate("""
				INSERT INTO article_alert (article_id, version, title, summary, content_html, url, language,
				published_at, retracted, received_at, image_url, image_alt, image_width, image_height, trace_parent,
				replayed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
		this.batches.batchUpdate("""
				UPDATE article_alert SET version = ?, title = ?, summary = ?, content_html = ?, url = ?, language = ?,
				image_url = ?, image_alt = ?, image_width = ?, image_height = ? WHERE article_id = ?""", edits);
		this.batches.batchUpdate("UPDATE article_alert SET retracted = TRUE, version = ? WHERE article_id = ?",
				retractions);
		this.batches.batchUpdate("DELETE FROM article_category WHERE article_id = ?", categoryOwners);
		this.batches.batchUpdate("INSERT INTO article_category (article_id, category) VALUES (?, ?)", categories);
	}

	private static String imageUrl(Article article) {
		return (article.image() != null) ? article.image().url() : null;
	}

	private static String imageAlt(Article article) {
		return (article.image() != null) ? article.image().alt() : null;
	}

	private static Integer imageWidth(Article article) {
		return (article.image() != null) ? article.image().width() : null;
	}

	private static Integer imageHeight(Article article) {
		return (article.image() != null) ? article.image().height() : null;
	}

	/** Categories match case-insensitively, as feeds and subscriptions do. */
	private static List<String> categories(Article article) {
		return article.categories()
			.stream()
			.map((category) -> category.strip().toLowerCase(Locale.ROOT))
			.distinct()
			.toList();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * An article's row as the changes so far leave it: read from the table, or new in
	 * this batch.
	 */
	private static final class Row {

		final UUID id;

		final boolean inserted;

		long version;

		boolean retracted;

		boolean retractedHere;

		/** The text to write: all of a new row, or an edit of a recorded one. */
		Article text;

		boolean textChanged;

		/** The categories to write, {@code null} to leave them. */
		List<String> categories;

		/** The categories of a publication in this batch: whom its alerts are for. */
		List<String> publishedCategories;

		boolean breaking;

		/** The trace of a publication in this batch, which its alerts join. */
		String trace;

		/** Recorded again after a restore: no alert, no digest. */
		boolean replayed;

		Row(UUID id, long version, boolean retracted) {
			this.id = id;
			this.inserted = false;
			this.version = version;
			this.retracted = retracted;
		}

		private Row(Article article, boolean retracted, List<String> categories) {
			this.id = article.id();
			this.inserted = true;
			this.version = article.version();
			this.retracted = retracted;
			this.text = article;
			this.categories = categories;
			this.publishedCategories = categories;
			this.breaking = article.breaking();
		}

		static Row inserted(Article article, boolean retracted, List<String> categories) {
			return new Row(article, retracted, categories);
		}

	}

}
