package org.syndication.notifier.web;

import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.localstack.FreePorts;
import org.syndication.testsupport.RawHttp;
import org.syndication.testsupport.RefusedRequestContract;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifier's HTTP edge over a plain socket to the running server: the contract every
 * service keeps for the requests it refuses, the notifier's body limits, and the actuator
 * needing the management token beyond health and info.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:notifier-edge;DB_CLOSE_DELAY=-1",
				"spring.kafka.security.protocol=PLAINTEXT",
				"spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
				"notifier.token-secret=test-secret-test-secret-test-secret-42",
				"notifier.management.token=" + HttpEdgeTests.MANAGEMENT_TOKEN })
// The embedded broker lives in the test JVM and asks for no credentials (PLAINTEXT);
// the secured brokers are tested in local-stack and system-tests.
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class HttpEdgeTests extends RefusedRequestContract {

	static final String MANAGEMENT_TOKEN = "test-management-token-0123456789";

	private static final GreenMail mailServer = start();

	@LocalServerPort
	private int port;

	private RawHttp http;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mailServer.getSmtp().getPort());
	}

	@BeforeEach
	void connect() {
		this.http = new RawHttp(this.port);
	}

	@Override
	protected int port() {
		return this.port;
	}

	@Override
	protected String servedPath() {
		return "/api/subscriptions";
	}

	@Override
	protected String wrongMethodRequestLine() {
		return "DELETE /api/subscriptions";
	}

	@Override
	protected String managementToken() {
		return MANAGEMENT_TOKEN;
	}

	@AfterAll
	static void stopMail() {
		mailServer.stop();
	}

	@Test
	void aFormOverTheConnectorLimitGetsAProblem() {
		String body = "List-Unsubscribe=One-Click&padding=" + "b".repeat(3_000_000);
		RawHttp.Response response = this.http.send("POST /subscriptions/unsubscribe?token=x HTTP/1.1\r\n"
				+ "Host: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
				+ body.length() + "\r\nConnection: close\r\n\r\n" + body);
		assertProblem("3 MB form", response, 413, 413);
	}

	@Test
	void subscriptionBodiesOverTheLimitGetAProblemWhetherSizedOrChunked() {
		String body = "{\"email\":\"big@example.org\",\"categories\":[\"" + "a".repeat(100_000) + "\"]}";
		RawHttp.Response sized = this.http.send("POST /api/subscriptions HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
				+ body);
		assertProblem("100 KB body", sized, 413, 413);
		String half = body.substring(0, body.length() / 2);
		String rest = body.substring(half.length());
		RawHttp.Response chunked = this.http.send("POST /api/subscriptions HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
				+ Integer.toHexString(half.length()) + "\r\n" + half + "\r\n" + Integer.toHexString(rest.length())
				+ "\r\n" + rest + "\r\n0\r\n\r\n");
		assertProblem("100 KB body in chunks", chunked, 413, 413);
	}

	@Test
	void metricsNeedTheManagementToken() {
		for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used",
				"/actuator")) {
			assertUnauthorized(path, this.http.get(path));
			assertUnauthorized(path, this.http.get(path, "Authorization: Bearer wrong-token"));
			assertUnauthorized(path, this.http.get(path, "Authorization: Bearer "));
			assertUnauthorized(path, this.http.get(path, "Authorization: Basic " + MANAGEMENT_TOKEN));
			assertThat(this.http.get(path, "Authorization: Bearer " + MANAGEMENT_TOKEN).status()).as(path)
				.isEqualTo(200);
		}
		assertThat(this.http.get("/actuator/prometheus", "Authorization: Bearer " + MANAGEMENT_TOKEN).body())
			.contains("jvm_memory_used_bytes");
		for (String path : List.of("/%61ctuator/prometheus", "/actuator/%70rometheus", "/actuator/prometheus/",
				"/actuator/env")) {
			assertUnauthorized(path, this.http.get(path));
		}
		assertThat(
				this.http.get("/actuator/prometheus", "Authorization: Bearer wrong-token").header("WWW-Authenticate"))
			.hasValue("Bearer realm=\"notifier-service\", error=\"invalid_token\"");
	}

	@Test
	void aPathNotInNormalFormIsRefusedBeforeItIsMapped() {
		// Tomcat resolves the dots, Spring MVC would not: the last one failed with 500
		// in the health endpoint.
		for (String path : List.of("/actuator/health/../prometheus", "/actuator/health/%2e%2e/prometheus",
				"/actuator/./metrics", "/actuator/health/..;x=y/prometheus", "/subscriptions/%2E/confirm",
				"/actuator/health/%2e%2e/%2e%2e/etc/passwd", "/actuator;x=y/prometheus", "//actuator/prometheus",
				"/subscriptions/manage;jsessionid=x")) {
			RawHttp.Response response = this.http.get(path);
			assertProblem(path, response, 400, 400);
			assertThat(response.body()).as(path).contains("segments").doesNotContain("jvm_");
		}
	}

	@Test
	void healthAndInfoNeedNoToken() {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
				"/actuator/info")) {
			RawHttp.Response response = this.http.get(path);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.header("WWW-Authenticate")).as(path).isEmpty();
		}
	}

	private static void assertUnauthorized(String path, RawHttp.Response response) {
		assertProblem(path, response, 401, 401);
		assertThat(response.header("WWW-Authenticate")).as(path)
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer realm=\"notifier-service\""));
		assertThat(response.header("Set-Cookie")).as(path).isEmpty();
		assertThat(response.body()).as(path).doesNotContain("jvm_");
	}

	private static GreenMail start() {
		GreenMail greenMail = new GreenMail(new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return greenMail;
	}

}
