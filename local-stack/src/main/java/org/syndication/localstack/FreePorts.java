package org.syndication.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports for tests, so that they never collide with a local stack running on the fixed
 * ports.
 */
public final class FreePorts {

	private FreePorts() {
	}

	// Once its probing socket is closed, the system may offer a port again: two servers
	// of
	// one test run would then be given the same port, and the second would fail to start.
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	/**
	 * A port that was free on 127.0.0.1 a moment ago, and that this process has not
	 * handed out before.
	 * @return the port
	 */
	public static int find() {
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No free port on the loopback address", ex);
			}
			if (HANDED_OUT.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port on the loopback address that was not handed out before");
	}

	/**
	 * Whether nothing listens on the port of 127.0.0.1.
	 * @param port the port
	 * @return true when a server could bind it now
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static boolean accepts(int port) {
		try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void requireFree(int port, String component) {
		if (!isFree(port)) {
			throw new IllegalStateException("Port " + port + " on 127.0.0.1 is in use: is " + component
					+ " from an earlier run still running?");
		}
	}

}
