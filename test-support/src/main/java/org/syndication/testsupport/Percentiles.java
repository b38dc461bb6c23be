package org.syndication.testsupport;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a sample: the smallest value with at least p % of the
 * values at or below it, so that a reported p99 is a value that was measured.
 */
public final class Percentiles {

	private final long[] sorted;

	public Percentiles(long[] values) {
		if (values.length == 0) {
			throw new IllegalArgumentException("No values");
		}
		this.sorted = values.clone();
		Arrays.sort(this.sorted);
	}

	/**
	 * @param percent above 0, at most 100
	 * @return the nearest-rank percentile
	 */
	public long percentile(double percent) {
		if (percent <= 0 || percent > 100) {
			throw new IllegalArgumentException("A percentile is above 0 and at most 100, not " + percent);
		}
		int rank = (int) Math.ceil(percent / 100 * this.sorted.length);
		return this.sorted[Math.max(rank, 1) - 1];
	}

	public long max() {
		return this.sorted[this.sorted.length - 1];
	}

	public long min() {
		return this.sorted[0];
	}

	public int count() {
		return this.sorted.length;
	}

}
