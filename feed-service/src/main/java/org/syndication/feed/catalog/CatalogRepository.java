package org.syndication.feed.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.UUID;

import org.syndication.feed.rendering.FeedImage;
import org.syndication.feed.rendering.FeedItem;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CatalogRepository {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final String ITEM_COLUMNS = "i.article_id, i.title, i.summary, i.content_html, i.url, i.authors, "
			+ "i.categories, i.language, i.published_at, i.updated_at, i.image_url, i.image_alt, i.image_width, "
			+ "i.image_height";

	// Rows per batch statement and ids per IN list.
	private static final int BATCH_SIZE = 500;

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	private final JsonMapper json;

	CatalogRepository(JdbcTemplate jdbc, JsonMapper json) {
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
		for (List<UUID> chunk : chunks(new TreeSet<>(ids))) {
			this.client
				.sql("SELECT article_id, version, retracted, authors, categories, language, published_at "
						+ "FROM feed_item WHERE article_id IN (:ids) ORDER BY article_id FOR UPDATE")
				.param("ids", chunk)
				.query((rs) -> {
					boolean retracted = rs.getBoolean("retracted");
					articles.put(rs.getObject("article_id", UUID.class),
							new StoredArticle(rs.getLong("version"), retracted,
									retracted ? List.of() : this.json.readValue(rs.getString("authors"), STRINGS),
									retracted ? List.of() : this.json.readValue(rs.getString("categories"), STRINGS),
									rs.getString("language"), instant(rs, "published_at")));
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
					.add(new Object[] { membership.feedKey(), utc(membership.publishedAt()), write.id() }));
			write.added()
				.forEach((membership) -> addedMemberships
					.add(new Object[] { membership.feedKey(), write.id(), utc(membership.publishedAt()) }));
			if (write.retracted()) {
				(write.stored() ? retractedUpdates : retractedInserts).add(write.stored()
						? new Object[] { write.version(), write.id() } : new Object[] { write.id(), write.version() });
				continue;
			}
			FeedItem item = write.item();
			Object[] fields = { write.version(), item.title(), item.summary(), item.contentHtml(), item.url(),
					this.json.writeValueAsString(item.authors()), this.json.writeValueAsString(item.categories()),
					item.language(), utc(item.publishedAt()), utc(item.updatedAt()),
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

	/**
	 * Records changes to feeds: a new revision, the newest change time (from the events,
	 * so a replay gives the same feeds) and the wall-clock time other instances look for.
	 * Rows are updated in the order of their keys, so two batches touching the same feeds
	 * cannot deadlock; a feed that does not exist yet is created.
	 */
	void touchFeeds(SortedMap<String, CatalogBatch.FeedTouch> feeds, Instant now) {
		List<Object[]> updates = new ArrayList<>();
		List<String> keys = new ArrayList<>(feeds.keySet());
		feeds.forEach((key, touch) -> updates
			.add(new Object[] { touch.name(), utc(touch.updatedAt()), utc(touch.updatedAt()), utc(now), key }));
		int[][] counts = this.jdbc.batchUpdate("""
				UPDATE feed_state SET revision = revision + 1, name = COALESCE(?, name),
				updated_at = CASE WHEN updated_at < ? THEN ? ELSE updated_at END, changed_at = ? WHERE feed_key = ?""",
				updates, BATCH_SIZE, CatalogRepository::setAll);
		List<Object[]> inserts = new ArrayList<>();
		int index = 0;
		for (int[] chunk : counts) {
			for (int count : chunk) {
				if (count == 0) {
					String key = keys.get(index);
					CatalogBatch.FeedTouch touch = feeds.get(key);
					inserts.add(new Object[] { key, (touch.name() != null) ? touch.name() : "", utc(touch.updatedAt()),
							utc(now) });
				}
				index++;
			}
		}
		batch("INSERT INTO feed_state (feed_key, name, revision, updated_at, changed_at) VALUES (?, ?, 1, ?, ?)",
				inserts);
	}

	Optional<FeedState> feedState(String feedKey) {
		return this.client.sql("SELECT feed_key, name, revision, updated_at FROM feed_state WHERE feed_key = :feedKey")
			.param("feedKey", feedKey)
			.query(CatalogRepository::feedState)
			.optional();
	}

	List<FeedState> feedStates() {
		return this.client.sql("SELECT feed_key, name, revision, updated_at FROM feed_state ORDER BY feed_key")
			.query(CatalogRepository::feedState)
			.list();
	}

	List<FeedRevision> changedSince(Instant since) {
		return this.client.sql("SELECT feed_key, revision FROM feed_state WHERE changed_at >= :since")
			.param("since", utc(since))
			.query((rs, row) -> new FeedRevision(rs.getString("feed_key"), rs.getLong("revision")))
			.list();
	}

	List<FeedItem> newestItems(int limit) {
		return this.client
			.sql("SELECT " + ITEM_COLUMNS + " FROM feed_item i WHERE i.retracted = FALSE "
					+ "ORDER BY i.published_at DESC, i.article_id FETCH FIRST :limit ROWS ONLY")
			.param("limit", limit)
			.query(this::item)
			.list();
	}

	List<FeedItem> newestItems(String feedKey, int limit) {
		return this.client
			.sql("SELECT " + ITEM_COLUMNS + " FROM feed_membership m "
					+ "JOIN feed_item i ON i.article_id = m.article_id WHERE m.feed_key = :feedKey "
					+ "ORDER BY m.published_at DESC, m.article_id FETCH FIRST :limit ROWS ONLY")
			.param("feedKey", feedKey)
			.param("limit", limit)
			.query(this::item)
			.list();
	}

	/**
	 * The live items of a feed ({@code null}: every article) published in
	 * {@code [from, to)}, newest first.
	 */
	List<FeedItem> publishedBetween(String feedKey, Instant from, Instant to) {
		String sql = (feedKey == null) ? "SELECT " + ITEM_COLUMNS + " FROM feed_item i WHERE i.retracted = FALSE "
				+ "AND i.published_at >= :from AND i.published_at < :to " + "ORDER BY i.published_at DESC, i.article_id"
				: "SELECT " + ITEM_COLUMNS + " FROM feed_membership m JOIN feed_item i ON i.article_id = m.article_id "
						+ "WHERE m.feed_key = :feedKey AND m.published_at >= :from AND m.published_at < :to "
						+ "ORDER BY m.published_at DESC, m.article_id";
		JdbcClient.StatementSpec statement = this.client.sql(sql).param("from", utc(from)).param("to", utc(to));
		if (feedKey != null) {
			statement = statement.param("feedKey", feedKey);
		}
		return statement.query(this::item).list();
	}

	/** The publication time of a feed's newest live item before a time, if any. */
	Optional<Instant> newestPublishedBefore(String feedKey, Instant before) {
		return publishedAt("MAX", "<", feedKey, before);
	}

	/** The publication time of a feed's oldest live item at or after a time, if any. */
	Optional<Instant> oldestPublishedFrom(String feedKey, Instant from) {
		return publishedAt("MIN", ">=", feedKey, from);
	}

	private Optional<Instant> publishedAt(String aggregate, String comparison, String feedKey, Instant bound) {
		String sql = (feedKey == null)
				? "SELECT " + aggregate + "(published_at) FROM feed_item WHERE retracted = FALSE AND published_at "
						+ comparison + " :bound"
				: "SELECT " + aggregate + "(published_at) FROM feed_membership WHERE feed_key = :feedKey "
						+ "AND published_at " + comparison + " :bound";
		JdbcClient.StatementSpec statement = this.client.sql(sql).param("bound", utc(bound));
		if (feedKey != null) {
			statement = statement.param("feedKey", feedKey);
		}
		return statement.query((rs, row) -> instant(rs, 1)).optional().flatMap(Optional::ofNullable);
	}

	private void batch(String sql, List<Object[]> rows) {
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate(sql, rows, BATCH_SIZE, CatalogRepository::setAll);
		}
	}

	private static void setAll(PreparedStatement statement, Object[] values) throws SQLException {
		for (int i = 0; i < values.length; i++) {
			StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, values[i]);
		}
	}

	private static <T> List<List<T>> chunks(Collection<T> values) {
		List<T> all = new ArrayList<>(values);
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += BATCH_SIZE) {
			chunks.add(all.subList(from, Math.min(all.size(), from + BATCH_SIZE)));
		}
		return chunks;
	}

	private FeedItem item(ResultSet rs, int row) throws SQLException {
		return new FeedItem(rs.getObject("article_id", UUID.class), rs.getString("title"), rs.getString("summary"),
				rs.getString("content_html"), rs.getString("url"),
				this.json.readValue(rs.getString("authors"), STRINGS),
				this.json.readValue(rs.getString("categories"), STRINGS), rs.getString("language"),
				instant(rs, "published_at"), instant(rs, "updated_at"), image(rs));
	}

	private static FeedImage image(ResultSet rs) throws SQLException {
		String url = rs.getString("image_url");
		return (url != null) ? new FeedImage(url, rs.getString("image_alt"), rs.getObject("image_width", Integer.class),
				rs.getObject("image_height", Integer.class)) : null;
	}

	private static FeedState feedState(ResultSet rs, int row) throws SQLException {
		return new FeedState(rs.getString("feed_key"), rs.getString("name"), rs.getLong("revision"),
				instant(rs, "updated_at"));
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
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

	record FeedRevision(String feedKey, long revision) {

	}

}
