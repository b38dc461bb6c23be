package org.syndication.testsupport;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service answers to the requests refused before or outside its controllers,
 * sent over a plain socket to the running server: each answer is an RFC 9457 problem,
 * never Tomcat's HTML page and never a 5xx. A service's test extends it, says where it
 * runs and which of its paths to build the requests on, and adds what is its own (the
 * size of its bodies, its tokens).
 */
public abstract class RefusedRequestContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * @return the port the service under test listens on
	 */
	protected abstract int port();

	/**
	 * @return a path the service serves, such as {@code /api/articles}
	 */
	protected abstract String servedPath();

	/**
	 * @return a request line with a method that path does not allow
	 */
	protected abstract String wrongMethodRequestLine();

	/**
	 * @return the bearer token that opens the service's metrics
	 */
	protected abstract String managementToken();

	/**
	 * @return a client for the service's port
	 */
	protected RawHttp http() {
		return new RawHttp(port());
	}

	@TestFactory
	Stream<DynamicTest> requestsTomcatRefusesItselfGetAProblemAndNeverA5xx() {
		return RawHttp.malformed(servedPath())
			.entrySet()
			.stream()
			.map((request) -> DynamicTest.dynamicTest(request.getKey(),
					() -> assertProblem(request.getKey(), http().send(request.getValue()), 400, 499)));
	}

	@Test
	void errorsThatReachTheErrorPageAreProblemsWhateverTheClientAccepts() {
		RawHttp http = http();
		assertProblem("unknown path", http.get("/nothing-here", "Accept: text/html"), 404, 404);
		assertProblem("wrong method", http.send(wrongMethodRequestLine()
				+ " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
				405, 405);
		assertProblem("TRACE",
				http.send("TRACE " + servedPath() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 405,
				405);
		assertProblem("unacceptable media type", http.get("/actuator/health", "Accept: image/png"), 406, 406);
		assertProblem("the error page itself", http.get("/error", "Accept: text/html"), 404, 404);
	}

	@Test
	void anUnknownHealthComponentOrMetricIsAProblem() {
		RawHttp http = http();
		String token = "Authorization: Bearer " + managementToken();
		assertProblem("unknown health component", http.get("/actuator/health/nothing"), 404, 404);
		assertProblem("unknown metric", http.get("/actuator/metrics/no.such.metric", token), 404, 404);
		assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(http.get("/actuator/metrics/jvm.memory.used", token).body()).contains("jvm.memory.used");
	}

	/**
	 * Asserts that an answer is an RFC 9457 problem of a status in the range, with a
	 * title and a detail, and nothing of the server's insides.
	 * @param request what was sent, for the message
	 * @param response the answer
	 * @param lowest the lowest status expected
	 * @param highest the highest status expected
	 */
	public static void assertProblem(String request, RawHttp.Response response, int lowest, int highest) {
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
