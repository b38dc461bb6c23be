package org.syndication.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for tests, so that they never collide with a local stack running on the fixed
 * ports.
 */
public final class FreePorts {

	private FreePorts() {
	}

	// Once its probing socket is closed, the system may offer a port again: two servers
	// of one test run would then be given the same port, and the second would fail to
	// start.
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	/**
	 * Where the test processes of one machine hold a lock per port they handed out, so
	 * that two of them running at once (a parallel build, two test forks) never hand out
	 * the same port in the seconds before its server binds it. The operating system
	 * releases a process's locks when it ends, however it ends.
	 */
	private static final Path RESERVATIONS = Path.of(System.getProperty("java.io.tmpdir"), "syndication-free-ports");

	// Held open for the life of the process: closing a channel releases its lock.
	private static final Map<Integer, FileChannel> RESERVED = new ConcurrentHashMap<>();

	/**
	 * Where ports are looked for: below the system's ephemeral range (Linux's default
	 * starts at 32768, macOS's and Windows' at 49152), which outgoing connections take
	 * their local ports from. A port the system offers from that range can be taken by a
	 * client's connection in the seconds before the server it was found for binds it.
	 */
	private static final int LOWEST = 20_000;

	private static final int HIGHEST = Math.min(32_767, ephemeralLow() - 1);

	/**
	 * A port that was free on 127.0.0.1 a moment ago, and that this process has not
	 * handed out before: outside the system's ephemeral range where it can tell it.
	 * @return the port
	 */
	public static int find() {
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = (HIGHEST > LOWEST) ? ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1) : anyFree();
			if (isFree(port) && HANDED_OUT.add(port) && reserve(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port on the loopback address that was not handed out before");
	}

	/**
	 * Takes the port's lock for this process, unless another process holds it.
	 * @param port the port
	 * @return whether this process now holds it; true also where no lock can be taken at
	 * all (a read-only temporary directory), as before there were locks
	 */
	private static boolean reserve(int port) {
		try {
			Files.createDirectories(RESERVATIONS);
			FileChannel channel = FileChannel.open(RESERVATIONS.resolve(port + ".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				channel.close();
				return false;
			}
			RESERVED.put(port, channel);
			return true;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static int anyFree() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on the loopback address", ex);
		}
	}

	/** The first port of Linux's ephemeral range, or of the IANA one elsewhere. */
	private static int ephemeralLow() {
		try {
			String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
			return Integer.parseInt(range.split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 49_152;
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
