package org.syndication.notifier.benchmarks;

import java.util.List;

import org.syndication.notifier.benchmarks.HeapWatch.Peak;
import org.syndication.notifier.benchmarks.StatementTimes.Statement;

/**
 * One phase of the notifier in the digest benchmark.
 *
 * @param count digests queued, or sent
 * @param items digest items queued; 0 for sending
 * @param seconds how long it took
 * @param heap the heap meanwhile
 * @param statements the SQL statements that took longest, if they were timed
 */
record DigestPhase(int count, long items, double seconds, Peak heap, List<Statement> statements) {

	double rate() {
		return this.count / this.seconds;
	}

}
