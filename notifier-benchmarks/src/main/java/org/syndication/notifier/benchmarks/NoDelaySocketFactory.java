package org.syndication.notifier.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Sockets with {@code TCP_NODELAY}, for the plain loop, as notifier-service's mailer
 * makes them. Without it, a message larger than Jakarta Mail's 8 KB write buffer leaves
 * in two writes, and Nagle's algorithm holds the second until the server acknowledges the
 * first, which the server delays by up to 40 ms. Set as
 * {@code mail.smtp.socketFactory.class}; Jakarta Mail finds it through the static
 * {@link #getDefault()}.
 */
public final class NoDelaySocketFactory extends SocketFactory {

	private static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

	public static SocketFactory getDefault() {
		return INSTANCE;
	}

	@Override
	public Socket createSocket() throws IOException {
		Socket socket = new Socket();
		socket.setTcpNoDelay(true);
		return socket;
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port), null);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port), null);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
	}

	private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
		Socket socket = createSocket();
		if (local != null) {
			socket.bind(local);
		}
		socket.connect(remote);
		return socket;
	}

}
