package org.syndication.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The launcher's lines on the console as components come up and go down, each with how
 * long it took.
 */
final class Progress {

	private final PrintStream out;

	Progress(PrintStream out) {
		this.out = out;
	}

	/**
	 * Starts a component and says so once it is ready.
	 * @param what the component, as the line names it
	 * @param start what starts it and returns once it is ready
	 */
	void timed(String what, Runnable start) {
		long started = System.nanoTime();
		start.run();
		this.out.printf("- %s ready (%s)%n", what, seconds(started));
	}

	/**
	 * Stops a child and says whether it stopped by itself.
	 * @param child the child
	 * @param grace how long it may take before it is killed
	 */
	void stop(ChildProcess child, Duration grace) {
		long started = System.nanoTime();
		boolean graceful = child.stop(grace);
		this.out.printf("- %s stopped%s (%s)%n", child.name(), graceful ? "" : " forcibly", seconds(started));
	}

	static String seconds(long startedNanos) {
		return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
	}

}
