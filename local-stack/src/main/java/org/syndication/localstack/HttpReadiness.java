package org.syndication.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waiting for a child that serves HTTP to answer 200 at its health or readiness URL.
 */
final class HttpReadiness {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	/**
	 * How a wait ended.
	 */
	enum Outcome {

		/** The URL answered 200. */
		READY,

		/** The child exited first. */
		EXITED,

		/** The time was up first. */
		LATE

	}

	/**
	 * Asks the URL until it answers 200, the child exits or the time is up.
	 * @param url the health or readiness URL
	 * @param child the process that serves it, started
	 * @param timeout how long to wait
	 * @return how the wait ended
	 * @throws InterruptedException if the thread is interrupted while it waits for an
	 * answer
	 */
	Outcome await(String url, ChildProcess child, Duration timeout) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (!child.isAlive()) {
				return Outcome.EXITED;
			}
			try {
				if (this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return Outcome.READY;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			if (System.nanoTime() > deadline) {
				return Outcome.LATE;
			}
			Pause.briefly();
		}
	}

}
