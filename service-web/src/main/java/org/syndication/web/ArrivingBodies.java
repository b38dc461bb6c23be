package org.syndication.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpStatus;

/**
 * The places of the request bodies arriving at once, for {@link RequestBodyGuard}: a few
 * for each client and a number for all of them. A body takes one of each, or is refused,
 * and gives them back once.
 */
final class ArrivingBodies {

	private final int maxPerClient;

	private final int maxTotal;

	private final Map<String, AtomicInteger> arrivingByClient = new ConcurrentHashMap<>();

	private final AtomicInteger arriving = new AtomicInteger();

	ArrivingBodies(int maxPerClient, int maxTotal) {
		this.maxPerClient = maxPerClient;
		this.maxTotal = maxTotal;
	}

	/**
	 * Takes a place for a body of a client.
	 * @param client the client, as {@link #client(String)} names it
	 * @return the place taken, or a refusal: 429 when the client has none left, 503 when
	 * all are taken
	 */
	Arrival arrive(String client) {
		AtomicInteger ofClient = this.arrivingByClient.compute(client, (key, count) -> {
			AtomicInteger counter = (count != null) ? count : new AtomicInteger();
			counter.incrementAndGet();
			return counter;
		});
		Arrival arrival = new Arrival(client, ofClient);
		if (ofClient.get() > this.maxPerClient) {
			arrival.leave();
			return new Arrival(HttpStatus.TOO_MANY_REQUESTS);
		}
		if (this.arriving.incrementAndGet() > this.maxTotal) {
			this.arriving.decrementAndGet();
			arrival.leave();
			return new Arrival(HttpStatus.SERVICE_UNAVAILABLE);
		}
		arrival.counted = true;
		return arrival;
	}

	/**
	 * The client a body is counted for: its IPv4 address, or the /64 of its IPv6 address,
	 * since one subscriber line holds a whole /64.
	 */
	static String client(String remoteAddress) {
		try {
			byte[] bytes = InetAddress.getByName(remoteAddress).getAddress();
			if (bytes.length == 16) {
				return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16)).getHostAddress() + "/64";
			}
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return remoteAddress;
		}
	}

	/** A body's place among those arriving; given back once. */
	final class Arrival {

		private final String client;

		private final AtomicInteger ofClient;

		private final HttpStatus refusal;

		private boolean counted;

		private boolean left;

		private Arrival(String client, AtomicInteger ofClient) {
			this.client = client;
			this.ofClient = ofClient;
			this.refusal = null;
		}

		private Arrival(HttpStatus refusal) {
			this.client = null;
			this.ofClient = null;
			this.refusal = refusal;
			this.left = true;
		}

		/** Why the body has no place, or {@code null} when it has one. */
		HttpStatus refusal() {
			return this.refusal;
		}

		void leave() {
			if (this.left) {
				return;
			}
			this.left = true;
			if (this.counted) {
				ArrivingBodies.this.arriving.decrementAndGet();
			}
			ArrivingBodies.this.arrivingByClient.computeIfPresent(this.client,
					(key, count) -> (count == this.ofClient && count.decrementAndGet() == 0) ? null : count);
		}

	}

}
