package org.syndication.notifier.subscription;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When a confirmation mail was last queued for each mailbox (by its keyed hash), to keep
 * a cooldown between two of them.
 */
@Repository
class ConfirmationCooldowns {

	private final JdbcClient jdbc;

	ConfirmationCooldowns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Starts the confirmation cooldown of a mailbox, unless one is running.
	 * @param mailboxKey the mailbox's key
	 * @param runningSince a cooldown that started after this is still running
	 * @param now the time
	 * @return whether a confirmation may be sent now
	 */
	boolean start(String mailboxKey, Instant runningSince, Instant now) {
		Optional<Instant> last = this.jdbc
			.sql("SELECT last_queued_at FROM confirmation_cooldown WHERE mailbox_key = :key FOR UPDATE")
			.param("key", mailboxKey)
			.query((rs, row) -> rs.getObject("last_queued_at", OffsetDateTime.class).toInstant())
			.optional();
		if (last.isEmpty()) {
			this.jdbc.sql("INSERT INTO confirmation_cooldown (mailbox_key, last_queued_at) VALUES (:key, :now)")
				.param("key", mailboxKey)
				.param("now", utc(now))
				.update();
			return true;
		}
		if (last.get().isAfter(runningSince)) {
			return false;
		}
		this.jdbc.sql("UPDATE confirmation_cooldown SET last_queued_at = :now WHERE mailbox_key = :key")
			.param("key", mailboxKey)
			.param("now", utc(now))
			.update();
		return true;
	}

	/** Forgets the cooldowns that ended before the given time. */
	int deleteEndedBefore(Instant endedBefore) {
		return this.jdbc.sql("DELETE FROM confirmation_cooldown WHERE last_queued_at < :before")
			.param("before", utc(endedBefore))
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
