package org.syndication.web.edge;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.syndication.testsupport.RawHttp;
import org.syndication.testsupport.SlowClients;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that send a body a byte at a time cannot take the service's threads: only a few
 * bodies of one client, and a share of all threads, may be arriving at once, and a body
 * must have arrived by a deadline. The service answers everybody else throughout. Ten
 * threads here stand for Tomcat's two hundred.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=edge-test", "server.tomcat.threads.max=10",
				"service.request-bodies.max-per-client=3", "service.request-bodies.max-total=5",
				"service.request-bodies.deadline=3s" })
class SlowClientsTests {

	@LocalServerPort
	private int port;

	@Test
	void slowBodiesDoNotStopTheServiceAnsweringOthers() throws Exception {
		try (SlowClients slow = SlowClients.open(this.port, 30, "/open/echo", "application/json", 1_000,
				Duration.ofMillis(300))) {
			RawHttp http = new RawHttp(this.port);
			Instant end = Instant.now().plusSeconds(5);
			while (Instant.now().isBefore(end)) {
				long started = System.nanoTime();
				RawHttp.Response response = http.get("/open/other");
				assertThat(response.status()).isEqualTo(200);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			}
			assertThat(slow.answers()).as("the bodies beyond one client's share are refused at once")
				.filteredOn((answer) -> answer.startsWith("HTTP/1.1 429"))
				.hasSizeGreaterThanOrEqualTo(27);
		}
	}

	@Test
	void slowBodiesThatAreRefusedUnreadDoNotStopTheServiceEither() throws Exception {
		try (SlowClients slow = SlowClients.open(this.port, 30, "/api/things", "application/json", 1_000,
				Duration.ofMillis(300))) {
			RawHttp http = new RawHttp(this.port);
			Instant end = Instant.now().plusSeconds(5);
			while (Instant.now().isBefore(end)) {
				long started = System.nanoTime();
				assertThat(http.get("/open/other").status()).isEqualTo(200);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			}
			assertThat(slow.answers()).as("each is answered without waiting for the rest of its body, and closed")
				.hasSize(30)
				.allMatch((answer) -> answer.startsWith("HTTP/1.1 401") || answer.startsWith("HTTP/1.1 429"));
			assertThat(slow.sending()).isZero();
		}
	}

	@Test
	void aConnectionWhoseBodyWasNotReadStaysOpenWhenTheBodyArrivedAtOnce() throws Exception {
		String body = "{\"text\":\"unread\"}";
		String requests = "POST /api/things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length() + "\r\n\r\n" + body
				+ "GET /open/second HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
			String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(answers).startsWith("HTTP/1.1 401 ").contains("HTTP/1.1 200 ").contains("second");
		}
	}

	@Test
	void aBodyThatHasNotArrivedByTheDeadlineIsA408() throws Exception {
		try (SlowClients slow = SlowClients.open(this.port, 1, "/open/echo", "application/json", 1_000,
				Duration.ofMillis(200))) {
			await().atMost(Duration.ofSeconds(8)).until(() -> slow.answered() == 1);
			assertThat(slow.answers()).containsExactly("HTTP/1.1 408 ");
		}
	}

	@Test
	void aSlowFormCountsAgainstTheClientsShareToo() throws Exception {
		try (SlowClients slow = SlowClients.open(this.port, 6, "/open/form", "application/x-www-form-urlencoded", 1_000,
				Duration.ofMillis(300))) {
			await().atMost(Duration.ofSeconds(3))
				.untilAsserted(
						() -> assertThat(slow.answers()).filteredOn((answer) -> answer.startsWith("HTTP/1.1 429"))
							.hasSize(3));
			await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(slow.answers()).hasSize(6));
			assertThat(slow.answers()).filteredOn((answer) -> answer.startsWith("HTTP/1.1 408")).hasSize(3);
		}
	}

	@Test
	void aFormReadByTheGuardKeepsItsParametersAndThoseOfTheQuery() {
		RawHttp.Response response = new RawHttp(this.port).post("/open/form?text=first&kind=query",
				"application/x-www-form-urlencoded",
				"text=caf%C3%A9+au+lait&text=&empty&plus=%2B".getBytes(StandardCharsets.US_ASCII));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"text\":[\"first\",\"café au lait\",\"\"]")
			.contains("\"kind\":\"query\"")
			.contains("\"empty\":\"\"")
			.contains("\"plus\":\"+\"");
	}

	@Test
	void aFormThatIsNotUtf8IsA400NotTextWithReplacementCharacters() {
		RawHttp.Response response = new RawHttp(this.port).post("/open/form", "application/x-www-form-urlencoded",
				"text=%C3%28".getBytes(StandardCharsets.US_ASCII));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("\uFFFD");
	}

	@Test
	void aFormWithABrokenEscapeIsA400() {
		RawHttp.Response response = new RawHttp(this.port).post("/open/form", "application/x-www-form-urlencoded",
				"text=%E".getBytes(StandardCharsets.US_ASCII));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void tomcatWaitsTenSecondsForAClientThatStopsSendingAndTwentyForAnIdleConnection(
			@Autowired ServletWebServerApplicationContext context) {
		Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProperty("connectionTimeout")).isEqualTo(10_000);
		assertThat(connector.getProperty("keepAliveTimeout")).isEqualTo(20_000);
	}

	@Test
	void aBodyInChunksOverTheSizeLimitIsAWhole413Problem() {
		String body = "{\"text\":\"" + "a".repeat(3_000) + "\"}";
		String half = body.substring(0, body.length() / 2);
		String rest = body.substring(half.length());
		RawHttp.Response response = new RawHttp(this.port)
			.send("POST /open/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(half.length())
					+ "\r\n" + half + "\r\n" + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n");
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void bodiesThatArriveAtOnceAreNotLimited() {
		RawHttp http = new RawHttp(this.port);
		for (int i = 0; i < 20; i++) {
			RawHttp.Response response = http.post("/open/echo", "application/json",
					"{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
			assertThat(response.status()).isEqualTo(200);
		}
	}

}
