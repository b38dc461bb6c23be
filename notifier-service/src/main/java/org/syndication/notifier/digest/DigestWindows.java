package org.syndication.notifier.digest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where each subscriber's next digest window starts: kept with the subscription, which
 * owns the subscribers. Called in the transaction of a run's chunk, so that a digest and
 * the start of the next window are written together.
 */
public interface DigestWindows {

	/**
	 * Moves the windows of these subscribers on to {@code end}, where they start before.
	 */
	void moveOn(List<UUID> subscribers, Instant end);

	/**
	 * Starts the window of every subscriber of a frequency and zone whose window starts
	 * before a time at that time.
	 * @param zone the zone's id, or {@code null} for the notifier's own
	 * @return how many windows moved
	 */
	int startAt(Frequency frequency, String zone, Instant since);

}
