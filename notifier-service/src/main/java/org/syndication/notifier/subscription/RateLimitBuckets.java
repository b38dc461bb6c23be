package org.syndication.notifier.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Bucket4j's buckets in the notifier's database ({@code rate_limit_bucket}), so that
 * every instance draws on the same allowance. Written by compare and swap on a version
 * column, in plain SQL that H2 and PostgreSQL both run: a read, then an update that
 * succeeds only if nobody wrote the bucket in between; Bucket4j tries again when it does
 * not. Each statement commits on its own, so no lock is held while a request goes on.
 */
@Repository
class RateLimitBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

	/** Longer keys are not made by {@link ClientNetwork}; a caller must keep within. */
	static final int MAX_KEY_LENGTH = 200;

	private final JdbcClient jdbc;

	RateLimitBuckets(JdbcClient jdbc) {
		// A bucket is kept until it would be full again: then it is the same as none.
		super(ClientSideConfig.getDefault()
			.withExpirationAfterWriteStrategy(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO)));
		this.jdbc = jdbc;
	}

	@Override
	protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
		if (key.length() > MAX_KEY_LENGTH) {
			throw new IllegalArgumentException("A bucket key has at most " + MAX_KEY_LENGTH + " characters");
		}
		return new CompareAndSwapOperation() {

			/** The version read last; {@code null} when there was no bucket. */
			private Long version;

			@Override
			public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
				Optional<Stored> stored = RateLimitBuckets.this.jdbc
					.sql("SELECT state, version FROM rate_limit_bucket WHERE bucket_key = :key")
					.param("key", key)
					.query((rs, row) -> new Stored(rs.getBytes("state"), rs.getLong("version")))
					.optional();
				this.version = stored.map(Stored::version).orElse(null);
				return stored.map(Stored::state);
			}

			@Override
			public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
					Optional<Long> timeoutNanos) {
				OffsetDateTime expiresAt = expiresAt(newState);
				if (this.version == null) {
					try {
						return RateLimitBuckets.this.jdbc
							.sql("INSERT INTO rate_limit_bucket (bucket_key, state, version, expires_at) "
									+ "VALUES (:key, :state, 1, :expiresAt)")
							.param("key", key)
							.param("state", newData)
							.param("expiresAt", expiresAt)
							.update() == 1;
					}
					catch (DuplicateKeyException ex) {
						// Another instance made the bucket first: read it and try again.
						return false;
					}
				}
				return RateLimitBuckets.this.jdbc
					.sql("UPDATE rate_limit_bucket SET state = :state, version = version + 1, expires_at = :expiresAt "
							+ "WHERE bucket_key = :key AND version = :version")
					.param("key", key)
					.param("state", newData)
					.param("expiresAt", expiresAt)
					.param("version", this.version)
					.update() == 1;
			}

		};
	}

	@Override
	protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
		throw new UnsupportedOperationException("JDBC has no asynchronous calls");
	}

	@Override
	public boolean isAsyncModeSupported() {
		return false;
	}

	@Override
	public boolean isExpireAfterWriteSupported() {
		return true;
	}

	@Override
	public void removeProxy(String key) {
		this.jdbc.sql("DELETE FROM rate_limit_bucket WHERE bucket_key = :key").param("key", key).update();
	}

	@Override
	protected CompletableFuture<Void> removeAsync(String key) {
		throw new UnsupportedOperationException("JDBC has no asynchronous calls");
	}

	/**
	 * Deletes the buckets that are full again.
	 * @param now the time
	 * @return how many were deleted
	 */
	int deleteExpired(Instant now) {
		return this.jdbc.sql("DELETE FROM rate_limit_bucket WHERE expires_at < :now")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	private OffsetDateTime expiresAt(RemoteBucketState state) {
		long nowNanos = currentTimeNanos();
		long ttlMillis = getClientSideConfig().getExpirationAfterWriteStrategy()
			.orElseThrow()
			.calculateTimeToLiveMillis(state, nowNanos);
		return Instant.ofEpochMilli(nowNanos / 1_000_000 + ttlMillis).atOffset(ZoneOffset.UTC);
	}

	private record Stored(byte[] state, long version) {

	}

}
