package org.syndication.notifier.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server that keeps nothing: it answers the commands a sender uses, reads
 * each message to its end, counts it and its bytes and accepts it. It costs far less per
 * message than a server that stores mail, so that what is measured is the sender. One
 * thread per connection, so connections are served concurrently; every reply is a single
 * write. It can be made to take a while over each message, as a real relay does.
 */
final class CountingSmtpSink implements MailSink {

	private final ServerSocket server;

	private final ExecutorService sessions;

	private final Duration latency;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final List<CountDownLatch> waiting = new CopyOnWriteArrayList<>();

	private final AtomicLong messages = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	private volatile boolean closed;

	private CountingSmtpSink(ServerSocket server, Duration latency) {
		this.server = server;
		this.latency = latency;
		AtomicInteger threads = new AtomicInteger();
		this.sessions = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "smtp-sink-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	static CountingSmtpSink start() {
		return start(Duration.ZERO);
	}

	/**
	 * A sink that waits this long over each message, between reading it and accepting it,
	 * on that connection only.
	 */
	static CountingSmtpSink start(Duration latency) {
		try {
			CountingSmtpSink sink = new CountingSmtpSink(new ServerSocket(0, 50, InetAddress.getByName(HOST)), latency);
			Thread acceptor = new Thread(sink::accept, "smtp-sink-accept");
			acceptor.setDaemon(true);
			acceptor.start();
			return sink;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + HOST, ex);
		}
	}

	@Override
	public int port() {
		return this.server.getLocalPort();
	}

	@Override
	public String describe() {
		return "a counting SMTP sink (accepts and counts, stores nothing"
				+ (this.latency.isZero() ? "" : ", " + this.latency.toMillis() + " ms per message before its 250")
				+ ") on " + HOST + ":" + port() + ", in this process";
	}

	@Override
	public CountDownLatch expect(int count) {
		CountDownLatch latch = new CountDownLatch(count);
		this.waiting.add(latch);
		return latch;
	}

	@Override
	public long received() {
		return this.messages.get();
	}

	@Override
	public long averageSize() {
		long count = this.messages.get();
		return (count > 0) ? this.bytes.get() / count : 0;
	}

	@Override
	public void purge() {
		this.messages.set(0);
		this.bytes.set(0);
		this.waiting.removeIf((latch) -> latch.getCount() == 0);
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.sessions.shutdownNow();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket socket = this.server.accept();
				socket.setTcpNoDelay(true);
				this.open.add(socket);
				this.sessions.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				if (!this.closed) {
					System.err.println("SMTP sink: " + ex);
				}
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			SmtpInput in = new SmtpInput(socket.getInputStream());
			OutputStream out = new BufferedOutputStream(socket.getOutputStream());
			reply(out, "220 " + HOST + " counting SMTP sink");
			String line;
			while ((line = in.line()) != null) {
				String verb = ((line.length() >= 4) ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
				switch (verb) {
					case "EHLO", "HELO" -> reply(out, "250 " + HOST);
					case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
					case "DATA" -> {
						reply(out, "354 End data with <CR><LF>.<CR><LF>");
						long size = in.data();
						if (size < 0) {
							return;
						}
						if (!this.latency.isZero()) {
							Thread.sleep(this.latency.toMillis());
						}
						accepted(size);
						reply(out, "250 OK");
					}
					case "QUIT" -> {
						reply(out, "221 Bye");
						return;
					}
					default -> reply(out, "502 Command not implemented");
				}
			}
		}
		catch (IOException ex) {
			// The sender went away.
		}
		catch (InterruptedException ex) {
			// Closing.
			Thread.currentThread().interrupt();
		}
		finally {
			this.open.remove(socket);
		}
	}

	/** Counted before the reply, so a sender that has its 250 is counted. */
	private void accepted(long size) {
		this.bytes.addAndGet(size);
		this.messages.incrementAndGet();
		for (CountDownLatch latch : this.waiting) {
			latch.countDown();
		}
	}

	private static void reply(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
