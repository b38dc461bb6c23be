package org.syndication.feed.websub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hub's subscribers, one row per (topic, callback).
 */
@Repository
class Subscriptions {

	private final JdbcClient jdbc;

	private final SubscriberSecrets secrets;

	Subscriptions(JdbcClient jdbc, SubscriberSecrets secrets) {
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	/**
	 * Records a verified subscription, or renews it with its new lease and secret.
	 * @return false when the callback's host holds too many subscriptions for another
	 */
	@Transactional
	boolean save(Subscription subscription, Instant now, int maxPerHost) {
		String key = key(subscription.topic(), subscription.callback());
		SubscriberSecrets.Sealed secret = this.secrets.seal(subscription.secret());
		int renewed = this.jdbc
			.sql("UPDATE websub_subscription SET topic = :topic, secret = :secret, secret_key_id = :secretKey, "
					+ "lease_seconds = :lease, expires_at = :expires, verified_at = :now WHERE subscription_key = :key")
			.param("topic", subscription.topic().url())
			.param("secret", secret.value())
			.param("secretKey", secret.keyId())
			.param("lease", subscription.lease().toSeconds())
			.param("expires", utc(subscription.expiresAt()))
			.param("now", utc(now))
			.param("key", key)
			.update();
		if (renewed > 0) {
			return true;
		}
		String host = host(subscription.callback());
		if (countForHost(host) >= maxPerHost) {
			return false;
		}
		try {
			this.jdbc
				.sql("""
						INSERT INTO websub_subscription (subscription_key, topic, feed_key, format, callback, callback_host,
						secret, secret_key_id, lease_seconds, expires_at, verified_at)
						VALUES (:key, :topic, :feed, :format, :callback, :host, :secret, :secretKey, :lease, :expires, :now)""")
				.param("key", key)
				.param("topic", subscription.topic().url())
				.param("feed", subscription.topic().feed().storageKey())
				.param("format", subscription.topic().format().name())
				.param("callback", subscription.callback())
				.param("host", host)
				.param("secret", secret.value())
				.param("secretKey", secret.keyId())
				.param("lease", subscription.lease().toSeconds())
				.param("expires", utc(subscription.expiresAt()))
				.param("now", utc(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// The same subscription verified twice at once: the other one is saved.
		}
		return true;
	}

	/** Ends a subscription and whatever push it was owed. */
	@Transactional
	void delete(Topic topic, String callback) {
		this.jdbc
			.sql("DELETE FROM websub_delivery WHERE subscription_id IN "
					+ "(SELECT id FROM websub_subscription WHERE subscription_key = :key)")
			.param("key", key(topic, callback))
			.update();
		this.jdbc.sql("DELETE FROM websub_subscription WHERE subscription_key = :key")
			.param("key", key(topic, callback))
			.update();
	}

	/** How many subscriptions a callback host holds, expired or not. */
	int countForHost(String host) {
		return this.jdbc.sql("SELECT COUNT(*) FROM websub_subscription WHERE callback_host = :host")
			.param("host", host)
			.query(Integer.class)
			.single();
	}

	boolean exists(Topic topic, String callback) {
		return this.jdbc.sql("SELECT id FROM websub_subscription WHERE subscription_key = :key")
			.param("key", key(topic, callback))
			.query(Long.class)
			.optional()
			.isPresent();
	}

	/**
	 * Forgets the subscriptions whose lease has ended, and pushes owed to them.
	 * @return how many ended
	 */
	@Transactional
	int deleteExpired(Instant now) {
		this.jdbc
			.sql("DELETE FROM websub_delivery WHERE subscription_id IN "
					+ "(SELECT id FROM websub_subscription WHERE expires_at <= :now)")
			.param("now", utc(now))
			.update();
		return this.jdbc.sql("DELETE FROM websub_subscription WHERE expires_at <= :now")
			.param("now", utc(now))
			.update();
	}

	/**
	 * Seals again, under the sealing key, up to {@code limit} secrets stored under
	 * another key or as plaintext (before secrets were sealed).
	 * @return how many were sealed again; fewer than the limit when none is left
	 */
	int resealSome(int limit) {
		List<Map<String, Object>> rows = this.jdbc
			.sql("SELECT id, secret, secret_key_id FROM websub_subscription WHERE secret IS NOT NULL "
					+ "AND (secret_key_id IS NULL OR secret_key_id <> :current) ORDER BY id FETCH FIRST " + limit
					+ " ROWS ONLY")
			.param("current", this.secrets.sealingKeyId())
			.query()
			.listOfRows();
		for (Map<String, Object> row : rows) {
			String stored = (String) row.get("secret");
			String keyId = (String) row.get("secret_key_id");
			SubscriberSecrets.Sealed sealed = this.secrets.seal(this.secrets.open(keyId, stored));
			// Unless renewed meanwhile, with a secret sealed already.
			this.jdbc
				.sql("UPDATE websub_subscription SET secret = :secret, secret_key_id = :secretKey "
						+ "WHERE id = :id AND secret = :stored")
				.param("secret", sealed.value())
				.param("secretKey", sealed.keyId())
				.param("id", ((Number) row.get("id")).longValue())
				.param("stored", stored)
				.update();
		}
		return rows.size();
	}

	static String host(String callback) {
		return CallbackUrls.host(URI.create(callback));
	}

	private static String key(Topic topic, String callback) {
		return key(topic.canonicalUrl(), callback);
	}

	/** The row's key: a SHA-256 of the feed's canonical URL and the callback. */
	static String key(String canonicalTopic, String callback) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(canonicalTopic.getBytes(StandardCharsets.UTF_8));
			sha256.update((byte) '\n');
			sha256.update(callback.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
