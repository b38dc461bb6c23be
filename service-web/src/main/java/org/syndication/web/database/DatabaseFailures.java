package org.syndication.web.database;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the database (no connection, a transaction that cannot begin, a lock
 * or query timeout, a deadlock, a commit or rollback that failed: Spring's transient,
 * resource-failure and transaction-system exceptions, SQL state class 08) from a failure
 * of what was asked of it: the first passes when the database is back, and is worth
 * waiting for; the second never does.
 */
public final class DatabaseFailures {

	private DatabaseFailures() {
	}

	/**
	 * @param exception what went wrong
	 * @return whether it is the database's failure, anywhere in its causes
	 */
	public static boolean isTheDatabases(@Nullable Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
					|| cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
					|| (cause instanceof SQLException sql && sql.getSQLState() != null
							&& sql.getSQLState().startsWith("08"))) {
				return true;
			}
		}
		return false;
	}

}
