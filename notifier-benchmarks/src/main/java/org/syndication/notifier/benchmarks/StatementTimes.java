package org.syndication.notifier.benchmarks;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What each SQL statement cost in a phase, from H2's query statistics: enabled at the
 * start of the phase (which clears them) and read at its end. Statements are counted with
 * their parameters as placeholders, so each of the notifier's statements is one entry
 * however often it ran.
 */
final class StatementTimes {

	private final JdbcTemplate jdbc;

	private StatementTimes(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		jdbc.execute("SET QUERY_STATISTICS FALSE");
		jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 1000");
		jdbc.execute("SET QUERY_STATISTICS TRUE");
	}

	static StatementTimes start(JdbcTemplate jdbc) {
		return new StatementTimes(jdbc);
	}

	/**
	 * The statements that took longest in all, longest first.
	 * @param limit how many
	 * @return the statements
	 */
	List<Statement> stop(int limit) {
		List<Statement> statements = this.jdbc.query("""
				SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME, MAX_EXECUTION_TIME,
				CUMULATIVE_ROW_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS
				ORDER BY CUMULATIVE_EXECUTION_TIME DESC FETCH FIRST ? ROWS ONLY""", (rs,
				row) -> new Statement(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5)),
				limit);
		this.jdbc.execute("SET QUERY_STATISTICS FALSE");
		return statements;
	}

	/**
	 * One statement.
	 *
	 * @param sql its text
	 * @param executions how often it ran
	 * @param totalMillis its time, all executions
	 * @param maxMillis its longest execution
	 * @param rows rows it returned or changed, all executions
	 */
	record Statement(String sql, long executions, double totalMillis, double maxMillis, long rows) {

		/** The text on one line, shortened. */
		String shortSql(int length) {
			String line = this.sql.replaceAll("\\s+", " ").strip();
			return (line.length() <= length) ? line : line.substring(0, length - 1) + "…";
		}

	}

}
