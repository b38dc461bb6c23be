package org.syndication.feed.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * How the catalog's repositories talk to the database: times as UTC timestamps, lists of
 * names as JSON, and batches of a bounded size.
 */
final class CatalogJdbc {

	static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	// Rows per batch statement and ids per IN list.
	static final int BATCH_SIZE = 500;

	private CatalogJdbc() {
	}

	/** Runs one statement for each row, in batches; nothing when there are no rows. */
	static void batch(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
		if (!rows.isEmpty()) {
			jdbc.batchUpdate(sql, rows, BATCH_SIZE, CatalogJdbc::setAll);
		}
	}

	static void setAll(PreparedStatement statement, Object[] values) throws SQLException {
		for (int i = 0; i < values.length; i++) {
			StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, values[i]);
		}
	}

	static <T> List<List<T>> chunks(Collection<T> values) {
		List<T> all = new ArrayList<>(values);
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += BATCH_SIZE) {
			chunks.add(all.subList(from, Math.min(all.size(), from + BATCH_SIZE)));
		}
		return chunks;
	}

	static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
