package org.syndication.web.database;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTests {

	@Test
	void failuresOfTheDatabaseAreToldFromFailuresOfWhatWasAsked() {
		assertThat(DatabaseFailures.isTheDatabases(new RuntimeException(new CannotGetJdbcConnectionException("away"))))
			.isTrue();
		assertThat(DatabaseFailures.isTheDatabases(new QueryTimeoutException("slow"))).isTrue();
		assertThat(DatabaseFailures.isTheDatabases(new CannotAcquireLockException("deadlock"))).isTrue();
		assertThat(DatabaseFailures.isTheDatabases(new SQLException("connection reset", "08006"))).isTrue();
		assertThat(DatabaseFailures.isTheDatabases(
				new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"))))
			.isTrue();
		assertThat(DatabaseFailures.isTheDatabases(new IllegalArgumentException("not an article"))).isFalse();
		assertThat(DatabaseFailures.isTheDatabases(new DataIntegrityViolationException("value too long"))).isFalse();
		assertThat(DatabaseFailures.isTheDatabases(new SQLException("syntax", "42000"))).isFalse();
		assertThat(DatabaseFailures.isTheDatabases(null)).isFalse();
	}

}
