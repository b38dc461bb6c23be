package org.syndication.notifier.mail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoDelaySocketFactoryTests {

	@Test
	void everySocketItMakesSendsWithoutWaitingForAcknowledgements() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket unconnected = NoDelaySocketFactory.INSTANCE.createSocket();
				Socket connected = NoDelaySocketFactory.INSTANCE.createSocket(InetAddress.getLoopbackAddress(),
						server.getLocalPort())) {
			assertThat(unconnected.getTcpNoDelay()).isTrue();
			assertThat(connected.getTcpNoDelay()).isTrue();
			assertThat(connected.isConnected()).isTrue();
		}
	}

}
