package org.syndication.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PercentilesTests {

	@Test
	void aPercentileIsAMeasuredValueByNearestRank() {
		long[] values = new long[100];
		for (int i = 0; i < values.length; i++) {
			values[i] = 100 - i;
		}
		Percentiles percentiles = new Percentiles(values);
		assertThat(percentiles.percentile(50)).isEqualTo(50);
		assertThat(percentiles.percentile(99)).isEqualTo(99);
		assertThat(percentiles.percentile(100)).isEqualTo(100);
		assertThat(percentiles.max()).isEqualTo(100);
	}

	@Test
	void theP99OfFewSamplesIsTheirMaximum() {
		Percentiles percentiles = new Percentiles(new long[] { 7, 3, 5 });
		assertThat(percentiles.percentile(99)).isEqualTo(7);
		assertThat(percentiles.percentile(50)).isEqualTo(5);
		assertThat(percentiles.percentile(1)).isEqualTo(3);
	}

	@Test
	void noSamplesHaveNoPercentile() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Percentiles(new long[0]));
	}

}
