package org.syndication.feed.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.syndication.feed.rendering.FeedImage;
import org.syndication.feed.rendering.FeedItem;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The live items of the feeds, as the documents show them: the newest of a feed, and
 * those of one month for its archive ({@code feed_item} through {@code feed_membership}).
 * A feed key of {@code null} stands for the feed of every article, which has no
 * memberships.
 */
@Repository
class FeedItemRepository {

	private static final String ITEM_COLUMNS = "i.article_id, i.title, i.summary, i.content_html, i.url, i.authors, "
			+ "i.categories, i.language, i.published_at, i.updated_at, i.image_url, i.image_alt, i.image_width, "
			+ "i.image_height";

	private final JdbcClient client;

	private final JsonMapper json;

	FeedItemRepository(JdbcTemplate jdbc, JsonMapper json) {
		this.client = JdbcClient.create(jdbc);
		this.json = json;
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
		JdbcClient.StatementSpec statement = this.client.sql(sql)
			.param("from", CatalogJdbc.utc(from))
			.param("to", CatalogJdbc.utc(to));
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
		JdbcClient.StatementSpec statement = this.client.sql(sql).param("bound", CatalogJdbc.utc(bound));
		if (feedKey != null) {
			statement = statement.param("feedKey", feedKey);
		}
		return statement.query((rs, row) -> CatalogJdbc.instant(rs, 1)).optional().flatMap(Optional::ofNullable);
	}

	private FeedItem item(ResultSet rs, int row) throws SQLException {
		return new FeedItem(rs.getObject("article_id", UUID.class), rs.getString("title"), rs.getString("summary"),
				rs.getString("content_html"), rs.getString("url"),
				this.json.readValue(rs.getString("authors"), CatalogJdbc.STRINGS),
				this.json.readValue(rs.getString("categories"), CatalogJdbc.STRINGS), rs.getString("language"),
				CatalogJdbc.instant(rs, "published_at"), CatalogJdbc.instant(rs, "updated_at"), image(rs));
	}

	private static FeedImage image(ResultSet rs) throws SQLException {
		String url = rs.getString("image_url");
		return (url != null) ? new FeedImage(url, rs.getString("image_alt"), rs.getObject("image_width", Integer.class),
				rs.getObject("image_height", Integer.class)) : null;
	}

}
