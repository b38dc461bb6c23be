package org.syndication.notifier.benchmarks;

/**
 * One round of the fan-out benchmark.
 *
 * @param warmUp not counted
 * @param traced by the notifier that exports every span
 * @param messages messages each sender sent
 * @param notifierSeconds event handed over to the last alert stored and marked sent
 * @param queueSeconds of which queueing the alerts (the topic binding's work)
 * @param markLagSeconds of which the time from the last alert stored until every row was
 * marked sent
 * @param plainSeconds the plain loop, connect to the last message stored
 * @param notifierMessageBytes the average size of the notifier's messages as stored
 * @param plainMessageBytes the same for the plain loop
 */
record FanOutRound(boolean warmUp, boolean traced, int messages, double notifierSeconds, double queueSeconds,
		double markLagSeconds, double plainSeconds, long notifierMessageBytes, long plainMessageBytes) {

	double notifierRate() {
		return this.messages / this.notifierSeconds;
	}

	double plainRate() {
		return this.messages / this.plainSeconds;
	}

	double ratio() {
		return notifierRate() / plainRate();
	}

}
