package org.syndication.testsupport;

import java.util.function.Supplier;

/** What a benchmark must find as it goes: a failed check ends the run. */
public final class Checks {

	private Checks() {
	}

	/**
	 * @param message made only when the condition fails: a check in a waiting loop must
	 * not query what it waits for on every pass
	 * @throws IllegalStateException with the message, if the condition fails
	 */
	public static void check(boolean condition, Supplier<String> message) {
		if (!condition) {
			throw new IllegalStateException(message.get());
		}
	}

}
