package org.syndication.feed.websub;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs verifications of intent on a shared pool, at most a few at a time for one callback
 * host, the others of that host waiting in a short queue of its own. Callbacks that take
 * connections and never answer then hold up only their own host's verifications, not an
 * honest subscriber's elsewhere.
 */
class VerificationLanes {

	private static final Logger logger = LoggerFactory.getLogger(VerificationLanes.class);

	private final ExecutorService pool;

	private final int perHost;

	private final int queuePerHost;

	// Guarded by this. A host has a lane while any of its verifications runs or waits.
	private final Map<String, Lane> lanes = new HashMap<>();

	VerificationLanes(ExecutorService pool, int perHost, int queuePerHost) {
		this.pool = pool;
		this.perHost = perHost;
		this.queuePerHost = queuePerHost;
	}

	/**
	 * Runs the verification now, or when one of the host's running verifications ends.
	 * @throws RejectedExecutionException when the host's queue, or the pool's, is full
	 */
	void execute(String host, Runnable verification) {
		synchronized (this) {
			Lane lane = this.lanes.computeIfAbsent(host, (key) -> new Lane());
			if (lane.running >= this.perHost) {
				if (lane.waiting.size() >= this.queuePerHost) {
					throw new RejectedExecutionException("The verifications of " + host + " are queued to their limit");
				}
				lane.waiting.add(verification);
				return;
			}
			lane.running++;
		}
		try {
			start(host, verification);
		}
		catch (RejectedExecutionException ex) {
			synchronized (this) {
				Lane lane = this.lanes.get(host);
				lane.running--;
				forgetIfIdle(host, lane);
			}
			throw ex;
		}
	}

	/** How many verifications of the host run or wait now. */
	synchronized int pending(String host) {
		Lane lane = this.lanes.get(host);
		return (lane != null) ? lane.running + lane.waiting.size() : 0;
	}

	private void start(String host, Runnable verification) {
		this.pool.execute(() -> {
			try {
				verification.run();
			}
			finally {
				next(host);
			}
		});
	}

	private void next(String host) {
		Runnable following;
		synchronized (this) {
			Lane lane = this.lanes.get(host);
			following = lane.waiting.poll();
			if (following == null) {
				lane.running--;
				forgetIfIdle(host, lane);
				return;
			}
		}
		try {
			start(host, following);
		}
		catch (RejectedExecutionException ex) {
			// The pool is shutting down or full: this one is not verified, and the host's
			// slot is given back for the next request.
			logger.info("A verification of {} was dropped: {}", host, ex.toString());
			synchronized (this) {
				Lane lane = this.lanes.get(host);
				lane.running--;
				forgetIfIdle(host, lane);
			}
		}
	}

	private void forgetIfIdle(String host, Lane lane) {
		if (lane.running == 0 && lane.waiting.isEmpty()) {
			this.lanes.remove(host);
		}
	}

	private static final class Lane {

		private int running;

		private final Queue<Runnable> waiting = new ArrayDeque<>();

	}

}
