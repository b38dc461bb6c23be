package org.syndication.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpProxyTests {

	private ServerSocket echo;

	@BeforeEach
	void echoServer() throws IOException {
		this.echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread thread = new Thread(() -> {
			while (!this.echo.isClosed()) {
				try {
					Socket socket = this.echo.accept();
					Thread connection = new Thread(() -> {
						try (socket;
								InputStream in = socket.getInputStream();
								OutputStream out = socket.getOutputStream()) {
							in.transferTo(out);
						}
						catch (IOException ex) {
							// The test closed it.
						}
					});
					connection.setDaemon(true);
					connection.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		thread.setDaemon(true);
		thread.start();
	}

	@AfterEach
	void stopEcho() throws IOException {
		this.echo.close();
	}

	@Test
	void carriesBytesBothWaysUntilCutAndAgainOnceRestored() throws IOException {
		try (TcpProxy proxy = TcpProxy.to("127.0.0.1", this.echo.getLocalPort())) {
			Socket before = connect(proxy);
			assertThat(roundTrip(before, "hello")).isEqualTo("hello");

			proxy.cut();
			assertThat(before.getInputStream().read()).as("a carried connection is closed").isEqualTo(-1);
			try (Socket during = connect(proxy)) {
				assertThat(during.getInputStream().read()).as("a new one is closed at once").isEqualTo(-1);
			}

			proxy.restore();
			try (Socket after = connect(proxy)) {
				assertThat(roundTrip(after, "again")).isEqualTo("again");
			}
			before.close();
		}
	}

	@Test
	void aClosedProxyTakesNoConnection() {
		TcpProxy proxy = TcpProxy.to("127.0.0.1", this.echo.getLocalPort());
		int port = proxy.port();
		proxy.close();
		assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
	}

	private static Socket connect(TcpProxy proxy) throws IOException {
		Socket socket = new Socket("127.0.0.1", proxy.port());
		socket.setSoTimeout(5_000);
		return socket;
	}

	private static String roundTrip(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
		return new String(socket.getInputStream().readNBytes(text.length()), StandardCharsets.UTF_8);
	}

}
