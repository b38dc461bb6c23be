package org.syndication.notifier.subscription;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.syndication.notifier.digest.DigestWindows;
import org.syndication.notifier.digest.Frequency;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The digest windows of the subscribers ({@code subscriber.digest_since}), moved by the
 * digest runs in their own transactions, with set-based statements.
 */
@Repository
public class SubscriberDigestWindows implements DigestWindows {

	private final JdbcClient jdbc;

	SubscriberDigestWindows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void moveOn(List<UUID> subscribers, Instant end) {
		this.jdbc.sql("UPDATE subscriber SET digest_since = :end WHERE id IN (:ids) AND digest_since < :end")
			.param("ids", subscribers)
			.param("end", utc(end))
			.update();
	}

	@Override
	public int startAt(Frequency frequency, String zone, Instant since) {
		var statement = this.jdbc.sql("UPDATE subscriber SET digest_since = :since WHERE frequency = :frequency AND "
				+ ((zone != null) ? "time_zone = :zone" : "time_zone IS NULL") + " AND digest_since < :since");
		if (zone != null) {
			statement = statement.param("zone", zone);
		}
		return statement.param("frequency", frequency.value()).param("since", utc(since)).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
