package org.syndication.feed.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.syndication.feed.rendering.FeedItem;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The articles as a batch of changes reads and writes them ({@code feed_item}), with the
 * feeds each belongs to ({@code feed_membership}).
 */
@Repository
class ArticleRepository {

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	private final JsonMapper json;

	ArticleRepository(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.client = JdbcClient.create(jdbc);
		this.json = json;
	}

	/**
	 * The articles that are stored, as far as applying a change needs them, each locked
	 * until the transaction ends, in the order of their ids so that two batches cannot
	 * deadlock.
	 */
	Map<UUID, StoredArticle> lockArticles(Collection<UUID> ids) {
		Map<UUID, StoredArticle> articles = new HashMap<>();
		for (List<UUID> chunk : CatalogJdbc.chunks(new TreeSet<>(ids))) {
			this.client
				.sql("SELECT article_id, version, retracted, authors, categories, language, published_at "
						+ "FROM feed_item WHERE article_id IN (:ids) ORDER BY article_id FOR UPDATE")
				.param("ids", chunk)
				.query((rs) -> {
					boolean retracted = rs.getBoolean("retracted");
					articles.put(rs.getObject("article_id", UUID.class), new StoredArticle(rs.getLong("version"),
							retracted,
							retracted ? List.of() : this.json.readValue(rs.getString("authors"), CatalogJdbc.STRINGS),
							retracted ? List.of()
									: this.json.readValue(rs.getString("categories"), CatalogJdbc.STRINGS),
							rs.getString("language"), CatalogJdbc.instant(rs, "published_at")));
				});
		}
		return articles;
	}

	/**
	 * Writes the articles as they are now, with batch statements: a live one with all its
	 * fields and its memberships, a retracted one as its id and version only, so nothing
	 * older revives it.
	 */
	void write(List<CatalogBatch.ItemWrite> items) {
		List<Object[]> updates = new ArrayList<>();
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> retractedUpdates = new ArrayList<>();
		List<Object[]> retractedInserts = new ArrayList<>();
		List<Object[]> removedMemberships = new ArrayList<>();
		List<Object[]> addedMemberships = new ArrayList<>();
		for (CatalogBatch.ItemWrite write : items) {
			write.removed()
				.forEach((membership) -> removedMemberships
					.add(new Object[] { membership.feedKey(), CatalogJdbc.utc(membership.publishedAt()), write.id() }));
			write.added()
				.forEach((membership) -> addedMemberships
					.add(new Object[] { membership.feedKey(), write.id(), CatalogJdbc.utc(membership.publishedAt()) }));
			if (write.retracted()) {
				(write.stored() ? retractedUpdates : retractedInserts).add(write.stored()
						? new Object[] { write.version(), write.id() } : new Object[] { write.id(), write.version() });
				continue;
			}
			FeedItem item = write.item();
			Object[] fields = { write.version(), item.title(), item.summary(), item.contentHtml(), item.url(),
					this.json.writeValueAsString(item.authors()), this.json.writeValueAsString(item.categories()),
					item.language(), CatalogJdbc.utc(item.publishedAt()), CatalogJdbc.utc(item.updatedAt()),
					(item.image() != null) ? item.image().url() : null,
					(item.image() != null) ? item.image().alt() : null,
					(item.image() != null) ? item.image().width() : null,
					(item.image() != null) ? item.image().height() : null };
			Object[] row = new Object[fields.length + 1];
			if (write.stored()) {
				System.arraycopy(fields, 0, row, 0, fields.length);
				row[fields.length] = item.id();
				updates.add(row);
			}
			else {
				row[0] = item.id();
				System.arraycopy(fields, 0, row, 1, fields.length);
				inserts.add(row);
			}
		}
		batch("""
				UPDATE feed_item SET version = ?, retracted = FALSE, title = ?, summary = ?, content_html = ?, url = ?,
				authors = ?, categories = ?, language = ?, published_at = ?, updated_at = ?, image_url = ?, image_alt = ?,
				image_width = ?, image_height = ? WHERE article_id = ?""",
				updates);
		batch("""
				INSERT INTO feed_item (article_id, version, retracted, title, summary, content_html, url, authors,
				categories, language, published_at, updated_at, image_url, image_alt, image_width, image_height)
				VALUES (?, ?, FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
		batch("""
				UPDATE feed_item SET version = ?, retracted = TRUE, title = NULL, summary = NULL, content_html = NULL,
				url = NULL, authors = NULL, categories = NULL, language = NULL, published_at = NULL, updated_at = NULL,
				image_url = NULL, image_alt = NULL, image_width = NULL, image_height = NULL
				WHERE article_id = ?""", retractedUpdates);
		batch("INSERT INTO feed_item (article_id, version, retracted) VALUES (?, ?, TRUE)", retractedInserts);
		// Each by its primary key: its feed, its date and its article.
		batch("DELETE FROM feed_membership WHERE feed_key = ? AND published_at = ? AND article_id = ?",
				removedMemberships);
		batch("INSERT INTO feed_membership (feed_key, article_id, published_at) VALUES (?, ?, ?)", addedMemberships);
	}

	private void batch(String sql, List<Object[]> rows) {
		CatalogJdbc.batch(this.jdbc, sql, rows);
	}

	/**
	 * An article as stored.
	 *
	 * @param authors its authors, empty if it is retracted
	 * @param categories its categories, empty if it is retracted
	 * @param language its BCP 47 tag, {@code null} if it is retracted
	 * @param publishedAt its publication time, {@code null} if it is retracted
	 */
	record StoredArticle(long version, boolean retracted, List<String> authors, List<String> categories,
			String language, Instant publishedAt) {

	}

}
