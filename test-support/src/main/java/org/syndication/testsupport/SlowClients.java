package org.syndication.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections that send a request's headers at once and then its body one byte at a time,
 * as slowly as asked: what an attacker does to hold a server's threads (a "slow POST").
 * Each connection keeps sending until the server answers or closes it, or until these
 * clients are closed.
 */
public final class SlowClients implements AutoCloseable {

	private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "slow-clients");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	private final AtomicInteger answered = new AtomicInteger();

	private final List<String> statusLines = new CopyOnWriteArrayList<>();

	private SlowClients() {
	}

	/**
	 * Opens the connections and starts sending.
	 * @param port the server's port on 127.0.0.1
	 * @param count how many connections
	 * @param target the request target of each POST
	 * @param contentType the body's type
	 * @param bodyLength the Content-Length announced: more bytes than will come in the
	 * time of a test
	 * @param interval the wait between two bytes of a body
	 * @return the clients, sending
	 */
	public static SlowClients open(int port, int count, String target, String contentType, int bodyLength,
			Duration interval) throws IOException {
		SlowClients clients = new SlowClients();
		String head = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
				+ "\r\nContent-Length: " + bodyLength + "\r\n\r\n";
		for (int i = 0; i < count; i++) {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			Connection connection = new Connection(socket);
			clients.connections.add(connection);
			Thread reader = new Thread(() -> clients.readAnswer(connection), "slow-client-reader-" + i);
			reader.setDaemon(true);
			reader.start();
		}
		clients.sender.scheduleWithFixedDelay(clients::sendOneByteEach, interval.toMillis(), interval.toMillis(),
				TimeUnit.MILLISECONDS);
		return clients;
	}

	/** How many connections the server answered or closed so far. */
	public int answered() {
		return this.answered.get();
	}

	/** The status lines of the answers so far ("HTTP/1.1 429 ", say), or "closed". */
	public List<String> answers() {
		return List.copyOf(this.statusLines);
	}

	/** How many connections are still open and sending. */
	public int sending() {
		return (int) this.connections.stream().filter((connection) -> !connection.done).count();
	}

	private void sendOneByteEach() {
		for (Connection connection : this.connections) {
			if (connection.done) {
				continue;
			}
			try {
				OutputStream out = connection.socket.getOutputStream();
				out.write('a');
				out.flush();
			}
			catch (IOException ex) {
				// The server closed it; the reader counts that.
			}
		}
	}

	private void readAnswer(Connection connection) {
		String answer;
		try {
			InputStream in = connection.socket.getInputStream();
			byte[] line = new byte[13];
			int n = in.readNBytes(line, 0, line.length);
			answer = (n > 0) ? new String(line, 0, n, StandardCharsets.ISO_8859_1) : "closed";
		}
		catch (IOException ex) {
			answer = connection.closing ? null : "closed";
		}
		connection.done = true;
		if (answer != null) {
			this.statusLines.add(answer);
			this.answered.incrementAndGet();
		}
	}

	@Override
	public void close() {
		this.sender.shutdownNow();
		List<IOException> failures = new ArrayList<>();
		for (Connection connection : this.connections) {
			connection.closing = true;
			try {
				connection.socket.close();
			}
			catch (IOException ex) {
				failures.add(ex);
			}
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException("Could not close every slow connection", failures.get(0));
		}
	}

	private static final class Connection {

		private final Socket socket;

		private volatile boolean done;

		private volatile boolean closing;

		Connection(Socket socket) {
			this.socket = socket;
		}

	}

}
