package org.syndication.feed.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.syndication.feed.rendering.FeedItem;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CatalogRepository {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final String ITEM_COLUMNS = "i.article_id, i.title, i.summary, i.content_html, i.url, i.authors, "
			+ "i.categories, i.language, i.published_at, i.updated_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	CatalogRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The stored version of an article, locked until the transaction ends. */
	Optional<StoredVersion> lockVersion(UUID id) {
		return this.jdbc.sql("SELECT version, retracted FROM feed_item WHERE article_id = :id FOR UPDATE")
			.param("id", id)
			.query((rs, row) -> new StoredVersion(rs.getLong("version"), rs.getBoolean("retracted")))
			.optional();
	}

	void upsert(long version, FeedItem item) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", item.id());
		params.put("version", version);
		params.put("title", item.title());
		params.put("summary", item.summary());
		params.put("contentHtml", item.contentHtml());
		params.put("url", item.url());
		params.put("authors", this.json.writeValueAsString(item.authors()));
		params.put("categories", this.json.writeValueAsString(item.categories()));
		params.put("language", item.language());
		params.put("publishedAt", utc(item.publishedAt()));
		params.put("updatedAt", utc(item.updatedAt()));
		int updated = this.jdbc.sql("""
				UPDATE feed_item SET version = :version, retracted = FALSE, title = :title, summary = :summary,
				content_html = :contentHtml, url = :url, authors = :authors, categories = :categories,
				language = :language, published_at = :publishedAt, updated_at = :updatedAt
				WHERE article_id = :id""").params(params).update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO feed_item (article_id, version, retracted, title, summary, content_html, url, authors,
					categories, language, published_at, updated_at) VALUES (:id, :version, FALSE, :title, :summary,
					:contentHtml, :url, :authors, :categories, :language, :publishedAt, :updatedAt)""")
				.params(params)
				.update();
		}
	}

	/**
	 * Keeps only the id and version of a retracted article, so nothing older revives it.
	 */
	void markRetracted(UUID id, long version) {
		int updated = this.jdbc.sql("""
				UPDATE feed_item SET version = :version, retracted = TRUE, title = NULL, summary = NULL,
				content_html = NULL, url = NULL, authors = NULL, categories = NULL, language = NULL,
				published_at = NULL, updated_at = NULL WHERE article_id = :id""")
			.param("id", id)
			.param("version", version)
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO feed_item (article_id, version, retracted) VALUES (:id, :version, TRUE)")
				.param("id", id)
				.param("version", version)
				.update();
		}
	}

	List<String> memberships(UUID id) {
		return this.jdbc.sql("SELECT feed_key FROM feed_membership WHERE article_id = :id")
			.param("id", id)
			.query(String.class)
			.list();
	}

	void replaceMemberships(UUID id, List<String> feedKeys, Instant publishedAt) {
		this.jdbc.sql("DELETE FROM feed_membership WHERE article_id = :id").param("id", id).update();
		for (String feedKey : feedKeys) {
			this.jdbc
				.sql("INSERT INTO feed_membership (feed_key, article_id, published_at) "
						+ "VALUES (:feedKey, :id, :publishedAt)")
				.param("feedKey", feedKey)
				.param("id", id)
				.param("publishedAt", utc(publishedAt))
				.update();
		}
	}

	/**
	 * Records a change to a feed: a new revision, its newest change time (from the
	 * events, so a replay gives the same feeds) and the wall-clock time other instances
	 * look for.
	 */
	void touchFeed(String feedKey, String name, Instant updatedAt, Instant now) {
		int updated = this.jdbc.sql("""
				UPDATE feed_state SET revision = revision + 1, name = :name,
				updated_at = CASE WHEN updated_at < :updatedAt THEN :updatedAt ELSE updated_at END,
				changed_at = :now WHERE feed_key = :feedKey""")
			.param("feedKey", feedKey)
			.param("name", name)
			.param("updatedAt", utc(updatedAt))
			.param("now", utc(now))
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("INSERT INTO feed_state (feed_key, name, revision, updated_at, changed_at) "
						+ "VALUES (:feedKey, :name, 1, :updatedAt, :now)")
				.param("feedKey", feedKey)
				.param("name", name)
				.param("updatedAt", utc(updatedAt))
				.param("now", utc(now))
				.update();
		}
	}

	Optional<FeedState> feedState(String feedKey) {
		return this.jdbc.sql("SELECT feed_key, name, revision, updated_at FROM feed_state WHERE feed_key = :feedKey")
			.param("feedKey", feedKey)
			.query(CatalogRepository::feedState)
			.optional();
	}

	List<FeedState> feedStates() {
		return this.jdbc.sql("SELECT feed_key, name, revision, updated_at FROM feed_state ORDER BY feed_key")
			.query(CatalogRepository::feedState)
			.list();
	}

	List<FeedRevision> changedSince(Instant since) {
		return this.jdbc.sql("SELECT feed_key, revision FROM feed_state WHERE changed_at >= :since")
			.param("since", utc(since))
			.query((rs, row) -> new FeedRevision(rs.getString("feed_key"), rs.getLong("revision")))
			.list();
	}

	List<FeedItem> newestItems(int limit) {
		return this.jdbc
			.sql("SELECT " + ITEM_COLUMNS + " FROM feed_item i WHERE i.retracted = FALSE "
					+ "ORDER BY i.published_at DESC, i.article_id FETCH FIRST :limit ROWS ONLY")
			.param("limit", limit)
			.query(this::item)
			.list();
	}

	List<FeedItem> newestItems(String feedKey, int limit) {
		return this.jdbc
			.sql("SELECT " + ITEM_COLUMNS + " FROM feed_membership m "
					+ "JOIN feed_item i ON i.article_id = m.article_id WHERE m.feed_key = :feedKey "
					+ "ORDER BY m.published_at DESC, m.article_id FETCH FIRST :limit ROWS ONLY")
			.param("feedKey", feedKey)
			.param("limit", limit)
			.query(this::item)
			.list();
	}

	private FeedItem item(ResultSet rs, int row) throws SQLException {
		return new FeedItem(rs.getObject("article_id", UUID.class), rs.getString("title"), rs.getString("summary"),
				rs.getString("content_html"), rs.getString("url"),
				this.json.readValue(rs.getString("authors"), STRINGS),
				this.json.readValue(rs.getString("categories"), STRINGS), rs.getString("language"),
				instant(rs, "published_at"), instant(rs, "updated_at"));
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

	record StoredVersion(long version, boolean retracted) {

	}

	record FeedRevision(String feedKey, long revision) {

	}

}
