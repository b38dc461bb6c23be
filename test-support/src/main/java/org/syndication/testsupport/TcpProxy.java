package org.syndication.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 that a test cuts and restores, to take a server (a database,
 * say) away from a client and give it back without touching either. Cut, it closes every
 * connection it carries and refuses new ones at once, as a server that went down does;
 * restored, it carries new connections again.
 */
public final class TcpProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final ServerSocket server;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	private volatile boolean closed;

	private TcpProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-proxy-" + this.server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * @param host the server's host
	 * @param port the server's port
	 * @return a proxy carrying connections to it
	 */
	public static TcpProxy to(String host, int port) {
		try {
			return new TcpProxy(new InetSocketAddress(host, port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The port to connect to instead of the server's. */
	public int port() {
		return this.server.getLocalPort();
	}

	/** Closes every connection carried, and refuses new ones until {@link #restore}. */
	public synchronized void cut() {
		this.cut = true;
		closeAll();
	}

	/** Carries new connections again. */
	public void restore() {
		this.cut = false;
	}

	public boolean isCut() {
		return this.cut;
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			if (this.cut) {
				quietly(client);
				continue;
			}
			Socket upstream = new Socket();
			try {
				upstream.connect(this.target, 5_000);
			}
			catch (IOException ex) {
				quietly(client);
				quietly(upstream);
				continue;
			}
			synchronized (this) {
				// Cut while it connected: refused all the same.
				if (this.cut) {
					quietly(client);
					quietly(upstream);
					continue;
				}
				this.sockets.add(client);
				this.sockets.add(upstream);
			}
			pipe(client, upstream);
			pipe(upstream, client);
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// One side closed or was cut: close the other too.
			}
			finally {
				quietly(from);
				quietly(to);
				this.sockets.remove(from);
				this.sockets.remove(to);
			}
		}, "tcp-proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private void closeAll() {
		for (Socket socket : this.sockets) {
			quietly(socket);
		}
		this.sockets.clear();
	}

	private static void quietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closed all the same.
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// Closed all the same.
		}
		closeAll();
	}

}
