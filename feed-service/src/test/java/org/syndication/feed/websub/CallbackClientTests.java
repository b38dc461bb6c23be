package org.syndication.feed.websub;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syndication.feed.documents.RenderedFeed;
import org.syndication.feed.rendering.FeedFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's requests to callbacks go to the addresses the callback policy checked, and
 * nowhere else.
 */
class CallbackClientTests {

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final HttpServer loopback = server();

	@AfterEach
	void stop() {
		this.loopback.stop(0);
	}

	@Test
	void aNameThatResolvesElsewhereTheSecondTimeGetsNoRequestThere() throws Exception {
		AtomicInteger lookups = new AtomicInteger();
		// DNS rebinding: a public address for the check, then the loopback address.
		CallbackPolicy policy = new CallbackPolicy(false, false, (host) -> new InetAddress[] {
				InetAddress.getByName((lookups.getAndIncrement() == 0) ? "192.0.1.1" : "127.0.0.1") });
		CallbackClient client = new CallbackClient(policy, HubSettingsFixture.defaults(), "http://feeds.example/hub",
				null);
		URI callback = URI.create("http://localhost:" + this.loopback.getAddress().getPort() + "/cb");
		try {
			try {
				client.verify(callback, "subscribe", "http://feeds.example/feeds/atom.xml", "challenge", 3600L);
			}
			catch (IOException | CallbackPolicy.RefusedCallback ex) {
				// Not reached, or refused: either way not at the loopback address.
			}
			lookups.set(0);
			try {
				client.push(callback, "http://feeds.example/feeds/atom.xml", null, feed(), null)
					.get(5, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException | CallbackPolicy.RefusedCallback ex) {
				// As above.
			}
		}
		finally {
			client.close();
		}
		assertThat(this.received).isEmpty();
	}

	@Test
	void theAddressesTheNameResolvesToAreCalled() throws Exception {
		CallbackPolicy policy = new CallbackPolicy(true, false,
				(host) -> new InetAddress[] { InetAddress.getByName("127.0.0.1") });
		CallbackClient client = new CallbackClient(policy, HubSettingsFixture.defaults(), "http://feeds.example/hub",
				null);
		URI callback = URI.create("http://callback.example:" + this.loopback.getAddress().getPort() + "/cb");
		try {
			assertThat(client.verify(callback, "subscribe", "http://feeds.example/feeds/atom.xml", "challenge", 3600L))
				.as("an empty answer confirms nothing")
				.isFalse();
			assertThat(client.push(callback, "http://feeds.example/feeds/atom.xml", null, feed(), null)
				.get(5, TimeUnit.SECONDS)).isEqualTo(204);
		}
		finally {
			client.close();
		}
		assertThat(this.received).hasSize(2).allSatisfy((request) -> assertThat(request).contains("/cb"));
	}

	@Test
	void aPushIsTakenByItsStatusWhateverTheAnswersBody() throws Exception {
		HttpServer talkative = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		talkative.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, 0);
			try (var body = exchange.getResponseBody()) {
				for (int i = 0; i < 1000; i++) {
					body.write(new byte[8192]);
				}
			}
			catch (IOException ex) {
				// The hub hung up without reading: as it should.
			}
		});
		talkative.start();
		CallbackPolicy policy = new CallbackPolicy(true, false,
				(host) -> new InetAddress[] { InetAddress.getByName("127.0.0.1") });
		CallbackClient client = new CallbackClient(policy, HubSettingsFixture.defaults(), "http://feeds.example/hub",
				null);
		URI callback = URI.create("http://callback.example:" + talkative.getAddress().getPort() + "/cb");
		try {
			for (int i = 0; i < 3; i++) {
				assertThat(client.push(callback, "http://feeds.example/feeds/atom.xml", null, feed(), null)
					.get(5, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			client.close();
			talkative.stop(0);
		}
	}

	private static RenderedFeed feed() {
		byte[] body = "<feed/>".getBytes(StandardCharsets.UTF_8);
		return new RenderedFeed(1, FeedFormat.ATOM.mediaType(), body, body, "\"1\"", "\"1-gzip\"", Instant.now(), null,
				null);
	}

	private HttpServer server() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				this.received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
