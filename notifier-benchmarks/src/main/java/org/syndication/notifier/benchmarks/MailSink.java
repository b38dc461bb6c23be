package org.syndication.notifier.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP server both senders deliver to, on a free port of 127.0.0.1.
 */
interface MailSink extends AutoCloseable {

	String HOST = "127.0.0.1";

	default String host() {
		return HOST;
	}

	int port();

	/** What it is, for the report. */
	String describe();

	/**
	 * A latch that reaches zero when {@code count} further messages have been accepted
	 * and stored.
	 */
	CountDownLatch expect(int count);

	/** How many messages were stored since the last purge. */
	long received();

	/** The average size in bytes of the messages stored since the last purge. */
	long averageSize();

	/** Forgets the messages stored so far. */
	void purge();

	@Override
	void close();

	/** Waits for the latch; {@code false} if the time ran out first. */
	static boolean await(CountDownLatch latch, Duration patience) throws InterruptedException {
		return latch.await(patience.toMillis(), TimeUnit.MILLISECONDS);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on 127.0.0.1", ex);
		}
	}

}
