package org.syndication.notifier.alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.syndication.notifier.subscription.ArticleCategories;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The articles seen on the topic, newest state, and their categories: what alerts and
 * digests are made of, and the categories a subscription may ask for.
 */
@Repository
public class ArticleRepository implements ArticleCategories {

	/** Article ids per {@code IN} list when reading what is recorded. */
	private static final int IDS_PER_QUERY = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	ArticleRepository(JdbcTemplate batches) {
		this.jdbc = JdbcClient.create(batches);
		this.batches = batches;
	}

	/** The rows already recorded of these articles. */
	Map<UUID, ArticleRow> recorded(List<UUID> ids) {
		Map<UUID, ArticleRow> rows = new HashMap<>();
		for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
			this.jdbc.sql("SELECT article_id, version, retracted FROM article_alert WHERE article_id IN (:ids)")
				.param("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
				.query((rs, number) -> new ArticleRow(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBoolean(3)))
				.list()
				.forEach((row) -> rows.put(row.id, row));
		}
		return rows;
	}

	/**
	 * Writes the rows as the changes of a batch leave them: new articles, edits,
	 * retractions and categories, a few batched statements for all of them.
	 */
	void write(Iterable<ArticleRow> rows, Instant now) {
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> edits = new ArrayList<>();
		List<Object[]> retractions = new ArrayList<>();
		List<Object[]> categoryOwners = new ArrayList<>();
		List<Object[]> categories = new ArrayList<>();
		for (ArticleRow row : rows) {
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

	/**
	 * Whether an article is retracted, and the trace of its publication; empty if
	 * unknown.
	 */
	Optional<Recorded> state(UUID articleId) {
		return this.jdbc.sql("SELECT retracted, trace_parent FROM article_alert WHERE article_id = :article")
			.param("article", articleId)
			.query((rs, row) -> new Recorded(rs.getBoolean(1), rs.getString(2)))
			.optional();
	}

	@Override
	public List<String> all() {
		return this.jdbc.sql("SELECT DISTINCT category FROM article_category").query(String.class).list();
	}

	@Override
	public List<String> first(int limit) {
		return this.jdbc
			.sql("SELECT DISTINCT category FROM article_category ORDER BY category FETCH FIRST :limit ROWS ONLY")
			.param("limit", limit)
			.query(String.class)
			.list();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * An article as recorded: whether it was retracted, and the trace of its publication.
	 */
	record Recorded(boolean retracted, String trace) {

	}

}
