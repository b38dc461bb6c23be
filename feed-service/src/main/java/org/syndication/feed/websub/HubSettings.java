package org.syndication.feed.websub;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.syndication.feed.FeedProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The WebSub hub built into the feed service.
 *
 * @param enabled whether feeds advertise the hub and it takes subscriptions
 * @param defaultLease the lease granted when a subscriber asks for none
 * @param minLease the shortest lease granted; shorter requests get this
 * @param maxLease the longest lease granted; longer requests get this
 * @param allowLoopback whether callbacks may be on this machine's loopback addresses
 * @param allowPrivate whether callbacks may be on private, unique-local or shared
 * (carrier-grade NAT) addresses
 * @param maxSubscriptionsPerHost how many subscriptions one callback host may hold
 * @param connectTimeout how long a connection to a callback may take
 * @param requestTimeout how long a callback may take to answer
 * @param maxChallengeResponse the most read of a verification answer
 * @param retryFor how long a failing push is tried again before it is given up (the next
 * change is pushed all the same)
 * @param firstRetry the wait before the first retry; it doubles after each failure
 * @param maxRetryInterval the longest wait between two tries
 * @param maxConcurrentPushes how many pushes are in flight at once
 * @param pollInterval how often due pushes are looked for besides the changes this
 * instance applies itself (retries, and changes applied by other instances)
 * @param outsideHubs hubs elsewhere to tell of every change ({@code hub.mode=publish})
 * @param metricsInterval how often the metrics of the pushes owed are read from the
 * database
 * @param clientRequestsPerMinute how many requests to {@code /hub} one client may make a
 * minute (IPv6 clients counted by their /64 network); more are answered 429
 * @param hostRequestsPerMinute how many requests to {@code /hub} may name callbacks on
 * one host a minute; more are answered 429
 * @param verificationThreads how many verifications of intent run at once, for all
 * callback hosts together
 * @param verificationsPerHost how many verifications of intent run at once for one
 * callback host, so that a slow host cannot take every thread
 * @param verificationQueuePerHost how many verifications of one callback host may wait
 * for their turn; more requests are answered 503
 * @param verificationTimeout how long a callback may take to answer a verification of
 * intent, which a subscriber answers at once
 * @param secretKeys the keys that seal subscribers' secrets at rest, each
 * {@code id:base64-key} (AES, 32 bytes recommended): the first seals, all open; required
 * while the hub is enabled; to rotate, put a new key first and drop the old one after the
 * next start
 */
@ConfigurationProperties("feed.websub")
@Validated
public record HubSettings(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("10d") Duration defaultLease,
		@NotNull @DefaultValue("1h") Duration minLease, @NotNull @DefaultValue("30d") Duration maxLease,
		@DefaultValue("false") boolean allowLoopback, @DefaultValue("false") boolean allowPrivate,
		@Min(1) @Max(1_000_000) @DefaultValue("1000") int maxSubscriptionsPerHost,
		@NotNull @DefaultValue("5s") Duration connectTimeout, @NotNull @DefaultValue("10s") Duration requestTimeout,
		@NotNull @DefaultValue("1KB") DataSize maxChallengeResponse, @NotNull @DefaultValue("24h") Duration retryFor,
		@NotNull @DefaultValue("10s") Duration firstRetry, @NotNull @DefaultValue("1h") Duration maxRetryInterval,
		@Min(1) @Max(1000) @DefaultValue("64") int maxConcurrentPushes,
		@NotNull @DefaultValue("1s") Duration pollInterval, @DefaultValue("") List<URI> outsideHubs,
		@NotNull @DefaultValue("10s") Duration metricsInterval, @Min(1) @DefaultValue("60") int clientRequestsPerMinute,
		@Min(1) @DefaultValue("60") int hostRequestsPerMinute,
		@Min(1) @Max(1000) @DefaultValue("16") int verificationThreads,
		@Min(1) @Max(1000) @DefaultValue("2") int verificationsPerHost,
		@Min(0) @Max(100_000) @DefaultValue("20") int verificationQueuePerHost,
		@NotNull @DefaultValue("5s") Duration verificationTimeout, @DefaultValue("") List<String> secretKeys) {

	/** The hub's address: {@code /hub} of the service's public base URL. */
	public String url(FeedProperties properties) {
		return properties.baseUrl() + "/hub";
	}

	/** The lease granted for a requested one, or for none. */
	Duration lease(Long requestedSeconds) {
		if (requestedSeconds == null) {
			return clamp(this.defaultLease);
		}
		return clamp(Duration.ofSeconds(requestedSeconds));
	}

	private Duration clamp(Duration lease) {
		if (lease.compareTo(this.minLease) < 0) {
			return this.minLease;
		}
		return (lease.compareTo(this.maxLease) > 0) ? this.maxLease : lease;
	}

	/** The wait before the next try after this many failures in a row. */
	Duration retryAfter(int failures) {
		Duration wait = this.firstRetry;
		for (int i = 1; i < failures && wait.compareTo(this.maxRetryInterval) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxRetryInterval) > 0) ? this.maxRetryInterval : wait;
	}

}
