package org.syndication.system;

import java.time.Duration;

/**
 * Waiting a fixed time where the time itself is the point: an outage of a given length,
 * or the interval between two polls.
 */
final class Pause {

	private Pause() {
	}

	static void of(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
