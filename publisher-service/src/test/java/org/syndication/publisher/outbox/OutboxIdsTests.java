package org.syndication.publisher.outbox;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxIdsTests {

	@Test
	void runsOfConsecutiveIdsAreWrittenAsTheirEnds() {
		assertThat(OutboxIds.format(List.of(101L, 102L, 103L, 605L, 607L, 608L))).isEqualTo("101-103,605,607-608");
		assertThat(OutboxIds.format(List.of())).isEmpty();
	}

	@Test
	void whatIsWrittenIsReadBackAsTheSameIds() {
		List<Long> batch = LongStream.concat(LongStream.rangeClosed(1, 500), LongStream.of(502, 9_000_000_000L))
			.boxed()
			.toList();
		assertThat(OutboxIds.parse(OutboxIds.format(batch))).isEqualTo(batch);
		assertThat(OutboxIds.parse(null)).isEmpty();
	}

	@Test
	void textThatIsNoRunOfIdsIsRefused() {
		assertThatThrownBy(() -> OutboxIds.parse("9-3")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> OutboxIds.parse("a")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> OutboxIds.parse("1-99999999")).isInstanceOf(IllegalArgumentException.class);
	}

}
