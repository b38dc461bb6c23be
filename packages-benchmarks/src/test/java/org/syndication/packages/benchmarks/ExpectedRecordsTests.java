package org.syndication.packages.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedRecordsTests {

	private final ExpectedRecords expected = new ExpectedRecords(List.of("sport", "culture", "politics"));

	@Test
	void anArticleGoesToEveryPackageItMeets() {
		this.expected.changed("a", "e1", Set.of("sport", "culture"));
		assertThat(this.expected.sequences()).isEqualTo(Map.of("sport", Map.of("a", List.of("e1")), "culture",
				Map.of("a", List.of("e1")), "politics", Map.of()));
	}

	@Test
	void anEditThatMovesAnArticleLeavesATombstoneWhereItWas() {
		this.expected.changed("a", "e1", Set.of("sport"));
		this.expected.changed("a", "e2", Set.of("culture"));
		this.expected.changed("a", "e3", Set.of("culture"));
		assertThat(this.expected.sequences().get("sport"))
			.containsExactly(Map.entry("a", List.of("e1", ExpectedRecords.TOMBSTONE)));
		assertThat(this.expected.sequences().get("culture")).containsExactly(Map.entry("a", List.of("e2", "e3")));
	}

	@Test
	void anArticleInNoPackageSendsNothing() {
		this.expected.changed("a", "e1", Set.of());
		this.expected.retracted("a", "e2");
		this.expected.removed("a");
		assertThat(this.expected.counts()).containsOnly(Map.entry("sport", 0L), Map.entry("culture", 0L),
				Map.entry("politics", 0L));
	}

	@Test
	void aRetractionAndItsTombstoneGoWhereTheArticleWasHeld() {
		this.expected.changed("a", "e1", Set.of("politics"));
		this.expected.retracted("a", "e2");
		this.expected.removed("a");
		assertThat(this.expected.sequences().get("politics"))
			.containsExactly(Map.entry("a", List.of("e1", "e2", ExpectedRecords.TOMBSTONE)));
		assertThat(this.expected.counts()).containsEntry("politics", 3L);
		assertThat(this.expected.tombstones()).containsEntry("politics", 1L);
	}

	@Test
	void aTombstoneWithoutRetractionRemovesTheArticleFromItsPackages() {
		this.expected.changed("a", "e1", Set.of("sport", "politics"));
		this.expected.removed("a");
		this.expected.changed("a", "e2", Set.of("sport"));
		assertThat(this.expected.sequences().get("sport"))
			.containsExactly(Map.entry("a", List.of("e1", ExpectedRecords.TOMBSTONE, "e2")));
		assertThat(this.expected.sequences().get("politics"))
			.containsExactly(Map.entry("a", List.of("e1", ExpectedRecords.TOMBSTONE)));
	}

}
