package org.syndication.notifier.subscription;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Subscribers in id order, walked a chunk at a time along the primary key, whatever their
 * state: the alert fan-out queues a chunk at a time, and a chunk's cost is bounded by the
 * subscribers it looks at.
 */
@Repository
public class SubscriberRanges {

	private final JdbcClient jdbc;

	SubscriberRanges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The first subscriber after the chunk that starts at {@code from}, if any.
	 * @param from the first subscriber of the chunk, {@code null} for the first of all
	 * @param size how many subscribers a chunk holds
	 */
	public Optional<UUID> firstAfterChunk(UUID from, int size) {
		var bound = this.jdbc.sql("SELECT id FROM subscriber" + ((from != null) ? " WHERE id >= :from" : "")
				+ " ORDER BY id OFFSET :skip ROWS FETCH NEXT 1 ROWS ONLY");
		if (from != null) {
			bound = bound.param("from", from);
		}
		return bound.param("skip", size).query(UUID.class).optional();
	}

}
