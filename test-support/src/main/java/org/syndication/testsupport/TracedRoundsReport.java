package org.syndication.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Measured rounds with and without tracing, as the table a benchmark prints (a row a
 * round, a column a rate, then the spans exported) and the JSON it writes, with the
 * median of each rate over the rounds of each kind.
 *
 * @param <R> a round's figures
 */
public final class TracedRoundsReport<R> {

	private final List<R> rounds;

	private final Predicate<R> traced;

	private final List<Rate<R>> rates;

	private final ToLongFunction<R> spans;

	private final int spansWidth;

	/**
	 * @param rounds in the order they ran
	 * @param traced whether a round was traced
	 * @param rates the columns, in order
	 * @param spans the spans a round exported
	 * @param spansWidth the width of their column
	 */
	public TracedRoundsReport(List<R> rounds, Predicate<R> traced, List<Rate<R>> rates, ToLongFunction<R> spans,
			int spansWidth) {
		this.rounds = rounds;
		this.traced = traced;
		this.rates = rates;
		this.spans = spans;
		this.spansWidth = spansWidth;
	}

	/** The median of the rate over the rounds traced, or those not. */
	public double median(Rate<R> rate, boolean traced) {
		return TracedRounds.median(this.rounds.stream()
			.filter((round) -> this.traced.test(round) == traced)
			.map((round) -> rate.value().applyAsDouble(round))
			.toList());
	}

	/** The median traced over the median untraced. */
	public double ratio(Rate<R> rate) {
		return median(rate, true) / median(rate, false);
	}

	/** What the rounds did and a row for each; the summary is the benchmark's. */
	public String table() {
		StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
				"%nTracing: the same events again, each in a sampled trace of its own, every span exported "
						+ "(sampling 1.0) to a Zipkin collector in this JVM, in turns with rounds without%n"));
		out.append(String.format(Locale.ROOT, "%-8s %-10s", "round", "tracing"));
		for (Rate<R> rate : this.rates) {
			out.append(String.format(Locale.ROOT, " %" + rate.width() + "s", rate.heading()));
		}
		out.append(String.format(Locale.ROOT, " %" + this.spansWidth + "s%n", "spans"));
		int number = 0;
		for (R round : this.rounds) {
			out.append(
					String.format(Locale.ROOT, "%-8d %-10s", ++number, this.traced.test(round) ? "exported" : "off"));
			for (Rate<R> rate : this.rates) {
				out.append(String.format(Locale.ROOT, " %," + rate.width() + ".0f", rate.value().applyAsDouble(round)));
			}
			out.append(String.format(Locale.ROOT, " %," + this.spansWidth + "d%n", this.spans.applyAsLong(round)));
		}
		return out.toString();
	}

	/**
	 * The rounds, then the medians of one rate and their ratio, as
	 * {@code untraced_events_per_second}, {@code traced_events_per_second} and
	 * {@code ratio}.
	 * @param events the rate of events
	 * @return a map that may take more entries
	 */
	public Map<String, Object> json(Rate<R> events) {
		Map<String, Object> json = new LinkedHashMap<>();
		List<Map<String, Object>> rows = new ArrayList<>();
		for (R round : this.rounds) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("traced", this.traced.test(round));
			for (Rate<R> rate : this.rates) {
				row.put(rate.jsonName(), Math.round(rate.value().applyAsDouble(round)));
			}
			row.put("spans", this.spans.applyAsLong(round));
			rows.add(row);
		}
		json.put("rounds", rows);
		json.put("untraced_events_per_second", Math.round(median(events, false)));
		json.put("traced_events_per_second", Math.round(median(events, true)));
		json.put("ratio", rounded(ratio(events)));
		return json;
	}

	/** A ratio as the JSON gives it: three decimals. */
	public static double rounded(double ratio) {
		return Math.round(ratio * 1000) / 1000.0;
	}

	/**
	 * A column of the table and a field of each round's JSON.
	 *
	 * @param heading the column's heading
	 * @param width the column's width
	 * @param jsonName the field's name
	 * @param value a round's rate
	 */
	public record Rate<R>(String heading, int width, String jsonName, ToDoubleFunction<R> value) {

	}

}
