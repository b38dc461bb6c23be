package org.syndication.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rounds of a consumer benchmark: a warm-up round with other events, so that the
 * rounds measured find the code compiled, as a service that has been running does when a
 * burst arrives; a second one, traced, when traced rounds follow, as they run code the
 * untraced ones do not (spans, their export); then the measured rounds, untraced and
 * traced in the order {@link TracedRounds#order} gives.
 */
public final class ConsumerRounds {

	private ConsumerRounds() {
	}

	/**
	 * Runs the rounds.
	 * @param warmupEvents events of the warm-up rounds; 0 for none
	 * @param tracingPairs measured rounds of each kind; 0 for a single untraced one
	 * @param warmup runs a warm-up round
	 * @param measured runs a measured round
	 * @param untraced what is logged before an untraced measured round
	 * @param traced what is logged before a traced one
	 * @return the measured rounds in the order they ran, the first untraced
	 */
	public static <R> List<R> run(int warmupEvents, int tracingPairs, Round<R> warmup, Round<R> measured,
			String untraced, String traced) throws Exception {
		R coldRound = null;
		if (warmupEvents > 0) {
			System.err.printf("warm-up round: %,d other events, not counted as the measure%n", warmupEvents);
			coldRound = warmup.run(null, false);
			if (tracingPairs > 0) {
				System.err.printf("warm-up round with every span exported: %,d other events, not counted%n",
						warmupEvents);
				warmup.run(null, true);
			}
		}
		List<R> rounds = new ArrayList<>();
		for (boolean tracedRound : (tracingPairs > 0) ? TracedRounds.order(tracingPairs) : List.of(false)) {
			System.err.println(tracedRound ? traced : untraced);
			rounds.add(measured.run(coldRound, tracedRound));
		}
		return rounds;
	}

	/**
	 * Prints the first measured round's figures (untraced, right after the warm-up: the
	 * measure as it always was), then those of tracing, and writes both as JSON.
	 * @param tracing {@code null} without traced rounds
	 * @param jsonOut {@code null} for no JSON
	 */
	public static void print(Figures report, Figures tracing, Path jsonOut) throws Exception {
		System.out.print(report.table());
		if (tracing != null) {
			System.out.print(tracing.table());
		}
		if (jsonOut != null) {
			Map<String, Object> json = report.json();
			if (tracing != null) {
				json.put("tracing", tracing.json());
			}
			JsonFile.write(jsonOut, json);
		}
	}

	/** One round of the benchmark. */
	@FunctionalInterface
	public interface Round<R> {

		/**
		 * @param warmup the untraced warm-up round's figures, {@code null} for a warm-up
		 * round or without one
		 * @param traced whether the events carry a sampled trace each and the service
		 * exports every span
		 */
		R run(R warmup, boolean traced) throws Exception;

	}

	/** What a benchmark prints and writes. */
	public interface Figures {

		String table();

		/** A map that may take more entries. */
		Map<String, Object> json();

	}

}
