package org.syndication.notifier;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Subscribers written straight into the tables, for tests of what reads them: an address
 * that is its own key, no categories meaning every category, generation 1, requested,
 * confirmed and changed at one moment.
 */
public final class SubscriberRows {

	private SubscriberRows() {
	}

	/**
	 * Inserts a subscriber.
	 * @param jdbc the database
	 * @param email the address, also its key
	 * @param status {@code CONFIRMED}, {@code PENDING}, …
	 * @param categories the categories taken; none: every category
	 * @param at when the subscription was requested, confirmed and last changed
	 * @return its id
	 */
	public static UUID insert(JdbcClient jdbc, String email, String status, List<String> categories, Instant at) {
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						INSERT INTO subscriber (id, email, email_key, status, all_categories, generation, hard_bounces,
						requested_at, confirmed_at, changed_at) VALUES (:id, :email, :email, :status, :all, 1, 0, :at, :at, :at)""")
			.param("id", id)
			.param("email", email)
			.param("status", status)
			.param("all", categories.isEmpty())
			.param("at", at.atOffset(ZoneOffset.UTC))
			.update();
		for (String category : categories) {
			jdbc.sql("INSERT INTO subscriber_category (subscriber_id, category) VALUES (:id, :category)")
				.param("id", id)
				.param("category", category)
				.update();
		}
		return id;
	}

}
