package org.syndication.feed.websub;

import java.time.Duration;
import java.util.List;

import org.springframework.util.unit.DataSize;

/** Hub settings for tests: the defaults, with short waits and no key. */
final class HubSettingsFixture {

	private HubSettingsFixture() {
	}

	static HubSettings defaults() {
		return new HubSettings(true, Duration.ofDays(10), Duration.ofHours(1), Duration.ofDays(30), false, false, 1000,
				Duration.ofSeconds(1), Duration.ofSeconds(2), DataSize.ofKilobytes(1), Duration.ofHours(24),
				Duration.ofSeconds(10), Duration.ofHours(1), 64, Duration.ofSeconds(1), List.of(),
				Duration.ofSeconds(10), 60, 60, 16, 2, 20, Duration.ofSeconds(2), List.of());
	}

}
