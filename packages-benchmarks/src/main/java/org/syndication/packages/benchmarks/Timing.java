package org.syndication.packages.benchmarks;

/**
 * How long a router took over the whole backlog.
 *
 * @param seconds from its start until its output for the last record was committed
 * @param startupSeconds of which until it began to read: client start, joining the group,
 * tasks or partitions assigned
 */
record Timing(double seconds, double startupSeconds) {

	double rate(long records) {
		return records / this.seconds;
	}

}
