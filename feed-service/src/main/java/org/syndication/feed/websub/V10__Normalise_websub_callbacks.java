package org.syndication.feed.websub;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.documents.FeedAddress;
import org.syndication.feed.rendering.FeedFormat;

/**
 * Gives the callbacks stored before callbacks were normalised their one spelling
 * ({@link CallbackUrls}), with the key and host that go with it, and merges the
 * subscriptions that were one callback spelled several ways: the most recently verified
 * stays, with a push the others were owed. A Java migration because the spelling is
 * Java's; plain JDBC, so it runs on H2 and PostgreSQL alike. Its class name is Flyway's
 * version and description.
 */
class V10__Normalise_websub_callbacks extends BaseJavaMigration {

	private final String baseUrl;

	/**
	 * @param baseUrl the service's public base URL, of which the subscriptions' keys take
	 * the feeds' canonical URLs
	 */
	V10__Normalise_websub_callbacks(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		Map<String, Row> survivors = new HashMap<>();
		List<Row[]> merged = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT id, subscription_key, feed_key, format, "
				+ "callback FROM websub_subscription ORDER BY verified_at DESC, id DESC");
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				Optional<Row> row = normalised(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
						rows.getString(5));
				if (row.isEmpty()) {
					continue;
				}
				Row survivor = survivors.putIfAbsent(row.get().key(), row.get());
				if (survivor != null) {
					merged.add(new Row[] { survivor, row.get() });
				}
			}
		}
		for (Row[] pair : merged) {
			moveOrDropDelivery(connection, pair[1].id(), pair[0].id());
			update(connection, "DELETE FROM websub_subscription WHERE id = ?", pair[1].id());
		}
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE websub_subscription SET subscription_key = ?, callback = ?, callback_host = ? WHERE id = ?")) {
			for (Row row : survivors.values()) {
				if (!row.changed()) {
					continue;
				}
				update.setString(1, row.key());
				update.setString(2, row.callback());
				update.setString(3, row.host());
				update.setLong(4, row.id());
				update.addBatch();
			}
			update.executeBatch();
		}
	}

	/** The row as it is to be, or none if it cannot be read (it is left as it is). */
	private Optional<Row> normalised(long id, String oldKey, String feedKey, String format, String callback) {
		Optional<FeedKey> feed = FeedKey.fromStorageKey(feedKey);
		if (feed.isEmpty()) {
			return Optional.empty();
		}
		URI uri;
		try {
			uri = new URI(callback);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		if (uri.getScheme() == null || uri.getHost() == null) {
			return Optional.empty();
		}
		String spelled = CallbackUrls.normalise(uri);
		String canonical = this.baseUrl + new FeedAddress(feed.get(), FeedFormat.valueOf(format)).path();
		String key = Subscriptions.key(canonical, spelled);
		return Optional
			.of(new Row(id, key, spelled, CallbackUrls.host(uri), !key.equals(oldKey) || !spelled.equals(callback)));
	}

	/** The merged subscription's push, if it was owed one and the survivor is not. */
	private static void moveOrDropDelivery(Connection connection, long from, long to) throws SQLException {
		boolean owed;
		try (PreparedStatement select = connection
			.prepareStatement("SELECT COUNT(*) FROM websub_delivery WHERE subscription_id = ?")) {
			select.setLong(1, to);
			try (ResultSet count = select.executeQuery()) {
				count.next();
				owed = count.getInt(1) > 0;
			}
		}
		if (owed) {
			update(connection, "DELETE FROM websub_delivery WHERE subscription_id = ?", from);
		}
		else {
			try (PreparedStatement move = connection
				.prepareStatement("UPDATE websub_delivery SET subscription_id = ? WHERE subscription_id = ?")) {
				move.setLong(1, to);
				move.setLong(2, from);
				move.executeUpdate();
			}
		}
	}

	private static void update(Connection connection, String sql, long id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, id);
			statement.executeUpdate();
		}
	}

	private record Row(long id, String key, String callback, String host, boolean changed) {

	}

}
