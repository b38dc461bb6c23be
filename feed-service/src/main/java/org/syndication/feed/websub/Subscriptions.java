package org.syndication.feed.websub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

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

	Subscriptions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a verified subscription, or renews it with its new lease and secret.
	 * @return false when the callback's host holds too many subscriptions for another
	 */
	@Transactional
	boolean save(Subscription subscription, Instant now, int maxPerHost) {
		String key = key(subscription.topic(), subscription.callback());
		int renewed = this.jdbc
			.sql("UPDATE websub_subscription SET topic = :topic, secret = :secret, lease_seconds = :lease, "
					+ "expires_at = :expires, verified_at = :now WHERE subscription_key = :key")
			.param("topic", subscription.topic().url())
			.param("secret", subscription.secret())
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
			this.jdbc.sql("""
					INSERT INTO websub_subscription (subscription_key, topic, feed_key, format, callback, callback_host,
					secret, lease_seconds, expires_at, verified_at)
					VALUES (:key, :topic, :feed, :format, :callback, :host, :secret, :lease, :expires, :now)""")
				.param("key", key)
				.param("topic", subscription.topic().url())
				.param("feed", subscription.topic().feed().storageKey())
				.param("format", subscription.topic().format().name())
				.param("callback", subscription.callback())
				.param("host", host)
				.param("secret", subscription.secret())
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
