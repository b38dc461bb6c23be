package org.syndication.feed.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Migration 8: puts the articles stored before language feeds existed into the feeds of
 * their language, as {@link CatalogBatch} would have, so that these feeds are whole
 * without a rebuild and a later edit finds the rows it replaces. In Java, because the
 * feeds of a tag come from {@link FeedKey#languages(String)}, which SQL cannot do alike
 * on every database.
 * <p>
 * A language feed made here takes as its newest change the newest update of its articles;
 * a rebuild from the topic would take the time of the newest event, which may be a later
 * retraction.
 */
@Component
class LanguageFeedsMigration implements JavaMigration {

	private static final int BATCH_SIZE = 500;

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("8");
	}

	@Override
	public String getDescription() {
		return "language feeds";
	}

	@Override
	public Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		Map<String, Feed> feeds = new TreeMap<>();
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT article_id, language, published_at, updated_at FROM feed_item WHERE retracted = FALSE");
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO feed_membership (feed_key, article_id, published_at) VALUES (?, ?, ?)")) {
			select.setFetchSize(BATCH_SIZE);
			int pending = 0;
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					UUID id = rows.getObject("article_id", UUID.class);
					OffsetDateTime publishedAt = rows.getObject("published_at", OffsetDateTime.class);
					OffsetDateTime updated = rows.getObject("updated_at", OffsetDateTime.class);
					Instant updatedAt = ((updated != null) ? updated : publishedAt).toInstant();
					for (FeedKey.Named feed : FeedKey.languages(rows.getString("language"))) {
						insert.setString(1, feed.key().storageKey());
						insert.setObject(2, id);
						insert.setObject(3, publishedAt);
						insert.addBatch();
						feeds.merge(feed.key().storageKey(), new Feed(feed.name(), updatedAt), Feed::newer);
						if (++pending == BATCH_SIZE) {
							insert.executeBatch();
							pending = 0;
						}
					}
				}
			}
			if (pending > 0) {
				insert.executeBatch();
			}
		}
		insertFeeds(connection, feeds);
	}

	private static void insertFeeds(Connection connection, Map<String, Feed> feeds) throws SQLException {
		OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
		List<Map.Entry<String, Feed>> all = new ArrayList<>(feeds.entrySet());
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO feed_state (feed_key, name, revision, updated_at, changed_at) VALUES (?, ?, 1, ?, ?)")) {
			for (int i = 0; i < all.size(); i++) {
				insert.setString(1, all.get(i).getKey());
				insert.setString(2, all.get(i).getValue().name());
				insert.setObject(3, all.get(i).getValue().updatedAt().atOffset(ZoneOffset.UTC));
				insert.setObject(4, now);
				insert.addBatch();
				if ((i + 1) % BATCH_SIZE == 0 || i == all.size() - 1) {
					insert.executeBatch();
				}
			}
		}
	}

	private record Feed(String name, Instant updatedAt) {

		Feed newer(Feed other) {
			return other.updatedAt.isAfter(this.updatedAt) ? other : this;
		}

	}

}
