package org.syndication.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports for tests, so that they never collide with a local stack running on the fixed
 * ports.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * A port that was free on 127.0.0.1 a moment ago.
	 * @return the port
	 */
	public static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on the loopback address", ex);
		}
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
