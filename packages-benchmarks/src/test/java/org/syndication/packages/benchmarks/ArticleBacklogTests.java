package org.syndication.packages.benchmarks;

import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleBacklogTests {

	private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");

	@Test
	void theSameSeedMakesTheSameBacklog() {
		ArticleBacklog one = ArticleBacklog.generate(2_000, 7, START);
		ArticleBacklog two = ArticleBacklog.generate(2_000, 7, START);
		assertThat(one.entries()).hasSize(2_000);
		for (int i = 0; i < one.entries().size(); i++) {
			assertThat(one.entries().get(i).key()).isEqualTo(two.entries().get(i).key());
			assertThat(one.entries().get(i).event()).isEqualTo(two.entries().get(i).event());
		}
		assertThat(one.expected().sequences()).isEqualTo(two.expected().sequences());
	}

	@Test
	void everyVersionFallsInNoMoreThanThreePackagesAndSomeInEachCount() {
		ArticleBacklog.Counts counts = ArticleBacklog.generate(5_000, 1, START).counts();
		assertThat(counts.byPackageCount).hasSize(4).doesNotContain(0);
		assertThat(Arrays.stream(counts.byPackageCount).sum()).isEqualTo(counts.published + counts.updated);
		assertThat(counts.published + counts.updated + counts.retracted + counts.tombstones).isEqualTo(5_000);
		assertThat(counts.retracted).isPositive();
	}

}
