package org.syndication.notifier.subscription;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.syndication.notifier.NotifierProperties;

import org.springframework.stereotype.Component;

/**
 * A token bucket per client network (Bucket4j), so that the subscription form cannot be
 * used to flood somebody's mailbox with confirmation requests. Buckets of clients not
 * seen for a while are forgotten.
 */
@Component
class SubscribeRateLimiter {

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.maximumSize(100_000)
		.build();

	private final int perMinute;

	SubscribeRateLimiter(NotifierProperties properties) {
		this.perMinute = properties.subscribeRequestsPerMinute();
	}

	/**
	 * Takes one request from the bucket of the client's network ({@link ClientNetwork}).
	 * @param client the client's address
	 * @return zero if allowed, otherwise how long the client must wait
	 */
	Duration acquire(String client) {
		Bucket bucket = this.buckets.get(ClientNetwork.of(client),
				(key) -> Bucket.builder()
					.addLimit(Bandwidth.builder()
						.capacity(this.perMinute)
						.refillGreedy(this.perMinute, Duration.ofMinutes(1))
						.build())
					.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	/**
	 * A wait as {@code Retry-After} gives it.
	 * @param wait what {@link #acquire} returned
	 * @return the wait in whole seconds, rounded up, at least one
	 */
	static long retryAfterSeconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}
