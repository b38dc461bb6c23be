package org.syndication.feed.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each feed's name, revision and times ({@code feed_state}): what caches and pushes
 * compare to know whether a feed changed.
 */
@Repository
class FeedStateRepository {

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	FeedStateRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.client = JdbcClient.create(jdbc);
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
		feeds.forEach((key, touch) -> updates.add(new Object[] { touch.name(), CatalogJdbc.utc(touch.updatedAt()),
				CatalogJdbc.utc(touch.updatedAt()), CatalogJdbc.utc(now), key }));
		int[][] counts = this.jdbc.batchUpdate("""
				UPDATE feed_state SET revision = revision + 1, name = COALESCE(?, name),
				updated_at = CASE WHEN updated_at < ? THEN ? ELSE updated_at END, changed_at = ? WHERE feed_key = ?""",
				updates, CatalogJdbc.BATCH_SIZE, CatalogJdbc::setAll);
		List<Object[]> inserts = new ArrayList<>();
		int index = 0;
		for (int[] chunk : counts) {
			for (int count : chunk) {
				if (count == 0) {
					String key = keys.get(index);
					CatalogBatch.FeedTouch touch = feeds.get(key);
					inserts.add(new Object[] { key, (touch.name() != null) ? touch.name() : "",
							CatalogJdbc.utc(touch.updatedAt()), CatalogJdbc.utc(now) });
				}
				index++;
			}
		}
		CatalogJdbc.batch(this.jdbc,
				"INSERT INTO feed_state (feed_key, name, revision, updated_at, changed_at) VALUES (?, ?, 1, ?, ?)",
				inserts);
	}

	Optional<FeedState> feedState(String feedKey) {
		return this.client.sql("SELECT feed_key, name, revision, updated_at FROM feed_state WHERE feed_key = :feedKey")
			.param("feedKey", feedKey)
			.query(FeedStateRepository::feedState)
			.optional();
	}

	List<FeedState> feedStates() {
		return this.client.sql("SELECT feed_key, name, revision, updated_at FROM feed_state ORDER BY feed_key")
			.query(FeedStateRepository::feedState)
			.list();
	}

	List<FeedRevision> changedSince(Instant since) {
		return this.client.sql("SELECT feed_key, revision FROM feed_state WHERE changed_at >= :since")
			.param("since", CatalogJdbc.utc(since))
			.query((rs, row) -> new FeedRevision(rs.getString("feed_key"), rs.getLong("revision")))
			.list();
	}

	private static FeedState feedState(ResultSet rs, int row) throws SQLException {
		return new FeedState(rs.getString("feed_key"), rs.getString("name"), rs.getLong("revision"),
				CatalogJdbc.instant(rs, "updated_at"));
	}

	record FeedRevision(String feedKey, long revision) {

	}

}
