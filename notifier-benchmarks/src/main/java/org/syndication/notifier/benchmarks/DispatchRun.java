package org.syndication.notifier.benchmarks;

import java.util.List;

/**
 * One run of the dispatch benchmark.
 *
 * @param instances notifier instances sending
 * @param alerts alerts sent
 * @param seconds from starting the schedules until every alert was at the server and
 * marked sent
 * @param shares the alerts each instance sent, most first
 * @param connections each instance's SMTP connections
 * @param messagesPerSecond each instance's rate limit
 */
record DispatchRun(int instances, int alerts, double seconds, List<Long> shares, int connections,
		int messagesPerSecond) {

	double rate() {
		return this.alerts / this.seconds;
	}

}
