package org.syndication.feed.benchmarks;

import java.util.function.Supplier;

/** What a benchmark must find as it goes: a failed check ends the run. */
final class Checks {

	private Checks() {
	}

	/**
	 * @param message made only when the condition fails: a check in a waiting loop must
	 * not query what it waits for on every pass
	 */
	static void check(boolean condition, Supplier<String> message) {
		if (!condition) {
			throw new IllegalStateException(message.get());
		}
	}

}
