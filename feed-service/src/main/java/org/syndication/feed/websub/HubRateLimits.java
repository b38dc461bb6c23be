package org.syndication.feed.websub;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets (Bucket4j) per client and per callback host, so that nobody can keep the
 * hub busy with requests it must check and verify: each costs a DNS lookup and, when
 * taken, a request to the callback. A bucket fills up again each minute from its first
 * request, so that "n a minute" means exactly that. Buckets not used for a while are
 * forgotten.
 */
class HubRateLimits {

	private final Cache<String, Bucket> clients = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.maximumSize(100_000)
		.build();

	private final Cache<String, Bucket> hosts = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.maximumSize(100_000)
		.build();

	private final int clientPerMinute;

	private final int hostPerMinute;

	HubRateLimits(HubSettings settings) {
		this.clientPerMinute = settings.clientRequestsPerMinute();
		this.hostPerMinute = settings.hostRequestsPerMinute();
	}

	/**
	 * Takes one request from the client's bucket.
	 * @param address the client's IP address, as the server saw it
	 * @throws TooManyRequests when the bucket is empty
	 */
	void acquireForClient(String address) {
		String client = client(address);
		acquire(this.clients, client, this.clientPerMinute, "This client (" + client + ")");
	}

	/**
	 * Takes one request from the bucket of the callback's host. A callback without a host
	 * costs nothing here: it is refused without a lookup.
	 * @throws TooManyRequests when the bucket is empty
	 */
	void acquireForCallback(String callback) {
		String host = host(callback);
		if (host != null) {
			acquire(this.hosts, host, this.hostPerMinute, "The callback's host " + host);
		}
	}

	private static void acquire(Cache<String, Bucket> buckets, String key, int perMinute, String who) {
		Bucket bucket = buckets.get(key, (any) -> Bucket.builder()
			.addLimit(
					Bandwidth.builder().capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1)).build())
			.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw new TooManyRequests(
					who + " has made " + perMinute + " requests to this hub in the last minute, " + "the most it takes",
					Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
	}

	/**
	 * The key of a client: its address, or for IPv6 its /64 network, which one subscriber
	 * usually holds whole.
	 */
	static String client(String address) {
		if (address == null || !address.contains(":")) {
			return String.valueOf(address);
		}
		try {
			// A literal: no lookup.
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length != 16) {
				return address;
			}
			Arrays.fill(bytes, 8, 16, (byte) 0);
			return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

	private static String host(String callback) {
		try {
			URI uri = new URI(callback);
			return (uri.getHost() != null) ? CallbackUrls.host(uri) : null;
		}
		catch (URISyntaxException | RuntimeException ex) {
			return null;
		}
	}

	/** More requests than the limit allows; the client may try again after the wait. */
	static class TooManyRequests extends RuntimeException {

		private final Duration wait;

		TooManyRequests(String message, Duration wait) {
			super(message);
			this.wait = wait;
		}

		/**
		 * The wait as {@code Retry-After} gives it: whole seconds, rounded up, at least
		 * one.
		 */
		long retryAfterSeconds() {
			return Math.max(1, (this.wait.toMillis() + 999) / 1000);
		}

	}

}
