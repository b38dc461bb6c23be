package org.syndication.publisher.web;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.publisher.PublisherIntegrationTest;
import org.syndication.publisher.TestApi;
import org.syndication.testsupport.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused before or outside the controllers, sent over a plain socket to the
 * running server: each answer is an RFC 9457 problem, never Tomcat's HTML page.
 */
@PublisherIntegrationTest
class RefusedRequestTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private RawHttp http;

	@BeforeEach
	void connect() {
		this.http = new RawHttp(this.port);
	}

	@Test
	void requestsTomcatRefusesItselfGetAProblemAndNeverA5xx() {
		for (Map.Entry<String, String> request : RawHttp.malformed("/api/articles").entrySet()) {
			assertProblem(request.getKey(), this.http.send(request.getValue()), 400, 499);
		}
	}

	@Test
	void bodiesOverTheLimitGetAProblem() {
		String body = "a=" + "b".repeat(3_000_000);
		RawHttp.Response response = this.http
			.send("POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestApi.TOKEN
					+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
					+ "\r\nConnection: close\r\n\r\n" + body);
		assertProblem("3 MB form", response, 413, 413);
	}

	@Test
	void errorsThatReachTheErrorPageAreProblemsWhateverTheClientAccepts() {
		assertProblem("unknown path", this.http.get("/nothing-here", "Accept: text/html"), 404, 404);
		assertProblem("wrong method", this.http
			.send("DELETE /articles/x HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n"),
				405, 405);
		assertProblem("TRACE",
				this.http.send("TRACE /api/articles HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 405,
				405);
		assertProblem("unacceptable media type", this.http.get("/actuator/health", "Accept: image/png"), 406, 406);
		assertProblem("the error page itself", this.http.get("/error", "Accept: text/html"), 404, 404);
	}

	@Test
	void anUnknownHealthComponentOrMetricIsAProblem() {
		assertProblem("unknown health component", this.http.get("/actuator/health/nothing"), 404, 404);
		assertProblem("unknown metric",
				this.http.get("/actuator/metrics/no.such.metric", "Authorization: Bearer " + TestApi.TOKEN), 404, 404);
		assertThat(this.http.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/metrics/jvm.memory.used", "Authorization: Bearer " + TestApi.TOKEN).body())
			.contains("jvm.memory.used");
	}

	private static void assertProblem(String request, RawHttp.Response response, int lowest, int highest) {
		assertThat(response.status()).as(request).isBetween(lowest, highest);
		assertThat(response.header("Content-Type")).as(request)
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).as(request).doesNotContain("Exception", "at org.", "Tomcat", "<html");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("status").asInt()).as(request).isEqualTo(response.status());
		assertThat(problem.path("title").asString()).as(request).isNotBlank();
		assertThat(problem.path("detail").asString()).as(request).isNotBlank();
		assertThat(problem.path("type").asString("about:blank")).as(request).isEqualTo("about:blank");
	}

}
