package org.syndication.notifier.digest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where digests are queued: the delivery queue, which owns the mails and the list of
 * articles each digest holds. Called in the transaction of a run's chunk.
 */
public interface DigestQueue {

	/**
	 * Queues the period's digest for each of the subscribers with something to read, with
	 * the articles it lists: those received before {@code end} since the subscriber's
	 * window began, in the subscriber's categories, not retracted, and not mailed to the
	 * subscriber already.
	 * @param subscribers the subscribers owed the digest
	 * @param periodKey the period, such as {@code daily-2026-03-29}
	 * @param end the end of the period's window
	 * @param now the time
	 * @return how many digests were queued
	 */
	int queue(List<UUID> subscribers, String periodKey, Instant end, Instant now);

}
