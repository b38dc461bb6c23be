package org.syndication.notifier.subscription;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The addresses that must not be mailed, by their key (the address in lower case, or the
 * keyed hash of an erased one), with the reason and since when.
 */
@Repository
class SuppressionList {

	private final JdbcClient jdbc;

	SuppressionList(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void suppress(String emailKey, String reason, Instant now) {
		if (this.jdbc.sql("UPDATE suppression SET reason = :reason WHERE email_key = :key")
			.param("key", emailKey)
			.param("reason", reason)
			.update() == 0) {
			insert(emailKey, reason, now);
		}
	}

	void insert(String emailKey, String reason, Instant now) {
		this.jdbc.sql("INSERT INTO suppression (email_key, reason, created_at) VALUES (:key, :reason, :now)")
			.param("key", emailKey)
			.param("reason", reason)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	/** Turns a suppression kept under another key (a hash) into one of the address. */
	void restoreSuppression(String from, String emailKey) {
		this.jdbc.sql("UPDATE suppression SET email_key = :key WHERE email_key = :from")
			.param("key", emailKey)
			.param("from", from)
			.update();
	}

	void unsuppress(String emailKey) {
		this.jdbc.sql("DELETE FROM suppression WHERE email_key = :key").param("key", emailKey).update();
	}

	/** Lifts the suppressions under any of the keys; returns how many there were. */
	int unsuppress(List<String> emailKeys) {
		return this.jdbc.sql("DELETE FROM suppression WHERE email_key IN (:keys)").param("keys", emailKeys).update();
	}

	boolean isSuppressed(String emailKey) {
		return this.jdbc.sql("SELECT COUNT(*) FROM suppression WHERE email_key = :key")
			.param("key", emailKey)
			.query(Long.class)
			.single() > 0;
	}

	/** The suppression under a key, if any. */
	Optional<Suppression> find(String emailKey) {
		return this.jdbc.sql("SELECT reason, created_at FROM suppression WHERE email_key = :key")
			.param("key", emailKey)
			.query((rs, row) -> new Suppression(emailKey, rs.getString("reason"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** The reason an address is suppressed for, if it is. */
	Optional<String> reason(String emailKey) {
		return this.jdbc.sql("SELECT reason FROM suppression WHERE email_key = :key")
			.param("key", emailKey)
			.query(String.class)
			.optional();
	}

	/** Suppressions, newest first; at most {@code limit}. */
	List<Suppression> newest(int limit) {
		return this.jdbc
			.sql("SELECT email_key, reason, created_at FROM suppression ORDER BY created_at DESC, email_key "
					+ "FETCH FIRST :limit ROWS ONLY")
			.param("limit", limit)
			.query((rs, row) -> new Suppression(rs.getString("email_key"), rs.getString("reason"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * An address that must not be mailed.
	 *
	 * @param emailKey the address in lower case, or the keyed hash of an erased one
	 * @param reason {@code unsubscribed}, {@code bounced}, {@code complained} or
	 * {@code erased}
	 * @param since when it was suppressed
	 */
	record Suppression(String emailKey, String reason, Instant since) {

	}

}
