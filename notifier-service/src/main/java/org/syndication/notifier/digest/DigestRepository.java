package org.syndication.notifier.digest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who is owed a digest. Subscribers are read in chunks with set-based statements, so that
 * a run for any number of them holds a chunk in memory at most; the subscription and
 * delivery tables are read here in place, and written only by their owners (through
 * {@link DigestWindows} and {@link DigestQueue}).
 */
@Repository
class DigestRepository {

	/**
	 * Confirmed subscribers of one frequency and zone whose window starts before the
	 * period's end and who have no digest for the period yet.
	 */
	private static final String OWED = """
			s.status = 'CONFIRMED' AND s.frequency = :frequency AND %s AND s.digest_since < :end
			AND NOT EXISTS (SELECT 1 FROM mail_delivery d WHERE d.subscriber_id = s.id AND d.period_key = :key)""";

	private final JdbcClient jdbc;

	DigestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Asks the database something trivial.
	 * @throws org.springframework.dao.DataAccessException when it does not answer
	 */
	void ping() {
		this.jdbc.sql("SELECT 1").query(Integer.class).single();
	}

	/**
	 * The time zones of confirmed subscribers of a frequency; {@code null} for the
	 * default.
	 */
	List<String> zones(Frequency frequency) {
		return this.jdbc
			.sql("SELECT DISTINCT time_zone FROM subscriber WHERE status = 'CONFIRMED' AND frequency = :frequency")
			.param("frequency", frequency.value())
			.query((rs, row) -> rs.getString(1))
			.list();
	}

	/** Whether anyone of that frequency and zone is owed the period's digest. */
	boolean anyOwed(Frequency frequency, String zone, String key, Instant end) {
		return this.jdbc.sql("SELECT s.id FROM subscriber s WHERE " + owed(zone) + " FETCH FIRST 1 ROWS ONLY")
			.params(owedParams(frequency, zone, key, end))
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	/**
	 * Up to {@code limit} subscribers of that frequency and zone owed the period's
	 * digest, in id order after {@code after} (if not {@code null}): a run pages through
	 * them along the index rather than sorting all that are left at each chunk.
	 */
	List<UUID> owed(Frequency frequency, String zone, String key, Instant end, UUID after, int limit) {
		Map<String, Object> params = owedParams(frequency, zone, key, end);
		if (after != null) {
			params.put("after", after);
		}
		return this.jdbc
			.sql("SELECT s.id FROM subscriber s WHERE " + owed(zone) + ((after != null) ? " AND s.id > :after" : "")
					+ " ORDER BY s.id FETCH FIRST :limit ROWS ONLY")
			.params(params)
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	private static String owed(String zone) {
		return OWED.formatted((zone != null) ? "s.time_zone = :zone" : "s.time_zone IS NULL");
	}

	private static Map<String, Object> owedParams(Frequency frequency, String zone, String key, Instant end) {
		Map<String, Object> params = new HashMap<>();
		params.put("frequency", frequency.value());
		params.put("key", key);
		params.put("end", utc(end));
		if (zone != null) {
			params.put("zone", zone);
		}
		return params;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
