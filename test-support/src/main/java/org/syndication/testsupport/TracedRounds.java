package org.syndication.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark needs to measure the cost of tracing: rounds without and with traces
 * exported, in an order that favours neither, and a service's settings for exporting
 * every span to a {@link ZipkinCollector}.
 */
public final class TracedRounds {

	private TracedRounds() {
	}

	/**
	 * The order of the rounds: untraced, traced, then traced, untraced, and so on, so
	 * that a run that speeds up or slows down as it goes (the compiler, the page cache)
	 * gives each kind the same share of early and late rounds.
	 * @param pairs rounds of each kind
	 * @return for each round, whether it is traced
	 */
	public static List<Boolean> order(int pairs) {
		List<Boolean> order = new ArrayList<>(pairs * 2);
		for (int pair = 0; pair < pairs; pair++) {
			boolean tracedFirst = pair % 2 == 1;
			order.add(tracedFirst);
			order.add(!tracedFirst);
		}
		return order;
	}

	/**
	 * @return a service's settings for exporting every span to the collector, as an
	 * operator sets them ({@code MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT},
	 * {@code MANAGEMENT_TRACING_SAMPLING_PROBABILITY=1.0}), {@code name=value}
	 */
	public static List<String> exportingTo(ZipkinCollector collector) {
		return List.of("management.tracing.export.zipkin.endpoint=" + collector.endpoint(),
				"management.tracing.sampling.probability=1.0");
	}

	/**
	 * Waits until the collector has received at least so many spans: a service sends them
	 * in the background, the last ones when it closes.
	 * @return how many it received
	 * @throws IllegalStateException if fewer came within the time given
	 */
	public static long awaitSpans(ZipkinCollector collector, long least, Duration patience)
			throws InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		while (collector.received() < least) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The traced round exported " + collector.received()
						+ " spans, fewer than the " + least + " it must have made");
			}
			Thread.sleep(50);
		}
		return collector.received();
	}

	/**
	 * The spans a round exported, checked: none without tracing, and at least so many
	 * with it, waited for as {@link #awaitSpans} does.
	 * @param traced whether the round's service traced
	 * @param least the spans a traced round must have made
	 * @return how many the collector received
	 * @throws IllegalStateException if an untraced round exported any, or a traced one
	 * too few
	 */
	public static long exported(ZipkinCollector collector, boolean traced, long least, Duration patience)
			throws InterruptedException {
		if (!traced) {
			if (collector.received() != 0) {
				throw new IllegalStateException("An untraced round exported " + collector.received() + " spans");
			}
			return 0;
		}
		return awaitSpans(collector, least, patience);
	}

	/**
	 * @return the median of the values, the mean of the middle two for an even count
	 */
	public static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
