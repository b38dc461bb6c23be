package org.syndication.notifier.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * SMTP sockets with {@code TCP_NODELAY}. Jakarta Mail writes a message through an 8 KB
 * buffer, so a larger message leaves in two writes; with Nagle's algorithm the second
 * waits for the server's delayed acknowledgement of the first, up to 40 ms a message,
 * which caps a connection at about 25 messages a second.
 */
final class NoDelaySocketFactory extends SocketFactory {

	static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

	private NoDelaySocketFactory() {
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
