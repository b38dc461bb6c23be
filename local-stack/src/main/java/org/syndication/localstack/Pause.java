package org.syndication.localstack;

/**
 * The interval between two readiness checks.
 */
final class Pause {

	private Pause() {
	}

	static void briefly() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting", ex);
		}
	}

}
