package org.syndication.localstack;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;

/**
 * Running the starts and stops of several children at once.
 */
final class Futures {

	private Futures() {
	}

	/**
	 * Daemon threads: a start or stop still waiting must not keep the JVM alive.
	 * @param name the threads' name
	 * @return the factory
	 */
	static ThreadFactory daemonThreads(String name) {
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Waits for all, then fails with the first failure, the others suppressed by it:
	 * returning at the first one would leave the others starting processes nobody stops.
	 * @param futures what to wait for
	 */
	static void joinAll(List<CompletableFuture<Void>> futures) {
		RuntimeException failure = null;
		for (CompletableFuture<Void> future : futures) {
			try {
				future.join();
			}
			catch (CompletionException ex) {
				RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
				if (failure == null) {
					failure = cause;
				}
				else if (failure != cause) {
					failure.addSuppressed(cause);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
