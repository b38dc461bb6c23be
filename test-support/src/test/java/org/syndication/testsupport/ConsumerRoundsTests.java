package org.syndication.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerRoundsTests {

	private final List<String> ran = new ArrayList<>();

	@Test
	void warmUpRoundsComeFirstAndTheMeasuredOnesKnowTheUntracedOne() throws Exception {
		List<String> measured = ConsumerRounds.run(100, 1, this::warmup, this::measured, "untraced", "traced");
		assertThat(this.ran).containsExactly("warm-up", "warm-up traced", "measured after warm-up",
				"measured traced after warm-up");
		assertThat(measured).containsExactly("measured after warm-up", "measured traced after warm-up");
	}

	@Test
	void withoutTracingOneUntracedRoundIsMeasured() throws Exception {
		ConsumerRounds.run(100, 0, this::warmup, this::measured, "untraced", "traced");
		assertThat(this.ran).containsExactly("warm-up", "measured after warm-up");
	}

	@Test
	void withoutAWarmUpTheMeasuredRoundsRunAtOnce() throws Exception {
		ConsumerRounds.run(0, 2, this::warmup, this::measured, "untraced", "traced");
		assertThat(this.ran).containsExactly("measured", "measured traced", "measured traced", "measured");
	}

	private String warmup(String before, boolean traced) {
		assertThat(before).isNull();
		return record("warm-up" + (traced ? " traced" : ""));
	}

	private String measured(String warmup, boolean traced) {
		return record("measured" + (traced ? " traced" : "") + ((warmup != null) ? " after " + warmup : ""));
	}

	private String record(String round) {
		this.ran.add(round);
		return round;
	}

}
