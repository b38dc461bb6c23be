package org.syndication.notifier.benchmarks;

import java.time.Duration;

/** Says how far a long phase has got, at an interval, on a daemon thread. */
final class Progress {

	private final Thread thread;

	private Progress(Duration interval, String name, Runnable report) {
		this.thread = new Thread(() -> {
			try {
				while (true) {
					Thread.sleep(interval.toMillis());
					report.run();
				}
			}
			catch (InterruptedException ex) {
				// stopped
			}
		}, name);
		this.thread.setDaemon(true);
	}

	static Progress every(Duration interval, String name, Runnable report) {
		Progress progress = new Progress(interval, name, report);
		progress.thread.start();
		return progress;
	}

	void stop() {
		this.thread.interrupt();
	}

}
