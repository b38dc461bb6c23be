package org.syndication.notifier.subscription;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.syndication.notifier.NotifierProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client network (Bucket4j), so that the subscription form cannot be
 * used to flood somebody's mailbox with confirmation requests. The buckets are in the
 * database ({@link RateLimitBuckets}): every instance of the notifier draws on the same
 * allowance. Buckets that are full again are deleted.
 */
@Component
class SubscribeRateLimiter {

	private static final String PREFIX = "subscribe:";

	private final RateLimitBuckets buckets;

	private final BucketConfiguration configuration;

	private final Clock clock;

	SubscribeRateLimiter(RateLimitBuckets buckets, NotifierProperties properties, Clock clock) {
		this.buckets = buckets;
		int perMinute = properties.subscribeRequestsPerMinute();
		this.configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
			.build();
		this.clock = clock;
	}

	/**
	 * Takes one request from the bucket of the client's network ({@link ClientNetwork}).
	 * @param client the client's address
	 * @return zero if allowed, otherwise how long the client must wait
	 */
	Duration acquire(String client) {
		ConsumptionProbe probe = this.buckets.builder()
			.build(PREFIX + ClientNetwork.of(client), () -> this.configuration)
			.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	/** A bucket that is full again is the same as none: it need not be kept. */
	@Scheduled(fixedDelay = 10, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
	@SchedulerLock(name = "rate-limit-buckets-cleanup")
	void forgetFullBuckets() {
		this.buckets.deleteExpired(this.clock.instant());
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
