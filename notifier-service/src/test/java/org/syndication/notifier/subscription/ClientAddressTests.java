package org.syndication.notifier.subscription;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.syndication.localstack.FreePorts;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscribe rate limit counts per client address. Tomcat takes that address from
 * {@code X-Forwarded-For} only when the request comes from a configured trusted proxy; by
 * default no address is trusted, so a client cannot escape the limit by forging the
 * header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:notifier-client-address;DB_CLOSE_DELAY=-1",
				"spring.kafka.security.protocol=PLAINTEXT",
				"spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
				"notifier.token-secret=test-secret-test-secret-test-secret-42",
				"notifier.subscribe-requests-per-minute=3" })
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class ClientAddressTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final GreenMail mailServer = start();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mailServer.getSmtp().getPort());
	}

	@AfterAll
	static void stopMail() {
		mailServer.stop();
	}

	@Nested
	class FromAnAddressThatIsNoTrustedProxy {

		@LocalServerPort
		private int port;

		@Test
		void aForgedXForwardedForIsIgnoredAndTheRealClientIsLimited() throws Exception {
			for (int i = 1; i <= 3; i++) {
				assertThat(subscribe(this.port, "untrusted-" + i, "203.0.113." + i)).isEqualTo(202);
			}
			assertThat(subscribe(this.port, "untrusted-4", "203.0.113.4")).isEqualTo(429);
		}

	}

	@Nested
	@TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")
	class BehindATrustedProxy {

		@LocalServerPort
		private int port;

		@Test
		void xForwardedForIsTheClientAddress() throws Exception {
			for (int i = 1; i <= 4; i++) {
				assertThat(subscribe(this.port, "forwarded-" + i, "203.0.113." + i)).as("client %d", i).isEqualTo(202);
			}
			for (int i = 1; i <= 2; i++) {
				assertThat(subscribe(this.port, "again-" + i, "203.0.113.1")).isEqualTo(202);
			}
			assertThat(subscribe(this.port, "again-3", "203.0.113.1")).as("the first client's fourth request")
				.isEqualTo(429);
		}

	}

	private static int subscribe(int port, String name, String forwardedFor) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/subscriptions"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", forwardedFor)
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"" + name + "@example.org\"}"))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static GreenMail start() {
		GreenMail greenMail = new GreenMail(new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return greenMail;
	}

}
