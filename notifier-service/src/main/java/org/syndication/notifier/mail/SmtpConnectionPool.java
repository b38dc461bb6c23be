package org.syndication.notifier.mail;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The SMTP connections kept open between batches, as many as there are workers, so that a
 * batch does not pay for connecting and saying hello again.
 */
final class SmtpConnectionPool implements AutoCloseable {

	private final SmtpServer server;

	private final int messagesPerConnection;

	private final Deque<SmtpConnection> idle = new ArrayDeque<>();

	private boolean closed;

	SmtpConnectionPool(SmtpServer server, int size, int messagesPerConnection) {
		this.server = server;
		this.messagesPerConnection = messagesPerConnection;
		for (int i = 0; i < size; i++) {
			this.idle.add(new SmtpConnection(server, messagesPerConnection));
		}
	}

	/** An idle connection; a new one if none is idle. */
	synchronized SmtpConnection take() {
		SmtpConnection connection = this.idle.poll();
		// No more workers than connections take at a time, so there is always one: a
		// new one is only a safeguard.
		return (connection != null) ? connection : new SmtpConnection(this.server, this.messagesPerConnection);
	}

	/** Keeps a connection for the next batch, or closes it once the pool is closed. */
	synchronized void giveBack(SmtpConnection connection) {
		if (this.closed) {
			connection.close();
		}
		else {
			this.idle.add(connection);
		}
	}

	/** Closes the idle connections, and those given back from now on. */
	@Override
	public synchronized void close() {
		this.closed = true;
		SmtpConnection connection;
		while ((connection = this.idle.poll()) != null) {
			connection.close();
		}
	}

}
