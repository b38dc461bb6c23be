package org.syndication.web.edge;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.testsupport.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge that service-web gives a service, over real HTTP: every refusal is an RFC 9457
 * problem, bearer tokens open what they may and nothing else, odd paths are refused
 * before anything maps them, and no answer sets a cookie.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=edge-test",
				"management.endpoints.web.exposure.include=health,info,metrics" })
class ServiceEdgeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ADMIN = "Authorization: Bearer " + EdgeTestApplication.ADMIN_TOKEN;

	private static final String AUTHOR = "Authorization: Bearer " + EdgeTestApplication.AUTHOR_TOKEN;

	@LocalServerPort
	private int port;

	private RawHttp http;

	@BeforeEach
	void connect() {
		this.http = new RawHttp(this.port);
	}

	@Test
	void aProtectedPathWithoutATokenIsA401ProblemWithABearerChallenge() {
		for (String authorization : List.of("X-None: none", "Authorization: Basic " + EdgeTestApplication.ADMIN_TOKEN,
				"Authorization: Token " + EdgeTestApplication.ADMIN_TOKEN)) {
			RawHttp.Response response = this.http.get("/api/things", authorization);
			assertProblem(authorization, response, 401);
			assertThat(response.header("WWW-Authenticate")).as(authorization).hasValue("Bearer realm=\"edge-test\"");
		}
	}

	@Test
	void aDatabaseThatDoesNotAnswerIsA503ProblemToTryAgainNotA500() {
		RawHttp.Response response = this.http.post("/open/database-away", "application/json",
				"{}".getBytes(StandardCharsets.UTF_8));
		assertProblem("database away", response, 503);
		assertThat(response.header("Retry-After")).hasValue("5");
		assertThat(problem(response).path("title").asString()).isEqualTo("Database unavailable");
		assertThat(response.body()).doesNotContain("Hikari").doesNotContain("Exception");
	}

	@Test
	void aRefusedTokenIsA401ProblemThatSaysTheTokenIsInvalid() {
		for (String authorization : List.of("Authorization: Bearer wrong", "Authorization: Bearer ",
				"Authorization: Bearer " + EdgeTestApplication.ADMIN_TOKEN + "x")) {
			RawHttp.Response response = this.http.get("/api/things", authorization);
			assertProblem(authorization, response, 401);
			assertThat(response.header("WWW-Authenticate")).as(authorization)
				.hasValue("Bearer realm=\"edge-test\", error=\"invalid_token\"");
		}
	}

	@Test
	void theRightTokenOpensTheApiWithoutASession() {
		RawHttp.Response response = this.http.get("/api/things", ADMIN);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("secret");
		assertThat(response.header("Set-Cookie")).isEmpty();
		assertThat(this.http.get("/api/things", "Authorization: bearer " + EdgeTestApplication.ADMIN_TOKEN).status())
			.as("the scheme is case-insensitive")
			.isEqualTo(200);
	}

	@Test
	void aTokenWithoutTheNeededRoleIsA403ProblemThatNamesTheRole() {
		RawHttp.Response response = this.http.get("/api/editing/things", AUTHOR);
		assertProblem("author on an editor's path", response, 403);
		assertThat(problem(response).path("detail").asString()).isEqualTo("This needs the role editor.");
		assertThat(this.http.get("/api/things", AUTHOR).status()).isEqualTo(200);
	}

	@Test
	void healthAndInfoAreOpenAndEveryOtherActuatorPathNeedsTheAdministrator() {
		for (String open : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/info")) {
			RawHttp.Response response = this.http.get(open);
			assertThat(response.status()).as(open).isEqualTo(200);
			assertThat(response.header("WWW-Authenticate")).as(open).isEmpty();
		}
		for (String guarded : List.of("/actuator", "/actuator/metrics", "/actuator/metrics/jvm.memory.used",
				"/actuator/env", "/actuator/beans", "/%61ctuator/metrics", "/actuator/%6detrics", "/actuator/metrics/",
				"/actuator/healthx")) {
			assertProblem(guarded, this.http.get(guarded), 401);
			assertProblem(guarded + " as an author", this.http.get(guarded, AUTHOR), 403);
		}
		assertThat(problem(this.http.get("/actuator/metrics", AUTHOR)).path("detail").asString())
			.isEqualTo("This needs the role admin.");
		assertThat(this.http.get("/actuator/metrics/jvm.memory.used", ADMIN).body()).contains("jvm.memory.used");
		assertProblem("an endpoint that is not exposed", this.http.get("/actuator/env", ADMIN), 404);
		assertProblem("an unknown health component", this.http.get("/actuator/health/nothing"), 404);
	}

	@Test
	void pathsThatAreNotInNormalFormAreRefusedBeforeAnythingMapsThem() {
		for (String path : List.of("/api/./things", "/open/../api/things", "//api/things", "/api;x=y/things",
				"/api/things;jsessionid=x", "/%2e/api/things", "/actuator/health/../metrics",
				"/actuator/health/%2e%2e/metrics", "/actuator/health/..;x=y/metrics", "/open/a%2Fb", "/open/a%5Cb",
				"/open/a%0d%0aSet-Cookie:%20x=1")) {
			RawHttp.Response response = this.http.get(path, ADMIN);
			assertProblem(path, response, 400);
			assertThat(response.body()).as(path).doesNotContain("secret", "jvm");
		}
	}

	@Test
	void aServletOfItsOwnIsReachedOnlyByItsPathAsWritten() {
		RawHttp.Response plain = this.http.get("/plain/x");
		assertThat(plain.status()).isEqualTo(200);
		assertThat(plain.body()).isEqualTo("plain /x");
		for (String path : List.of("/pl%61in/x", "/plain;a=b/x", "/plain/x;a=b", "/plain/../api/things")) {
			assertProblem(path, this.http.get(path), 400);
		}
	}

	@Test
	void anEncodedPercentOrSemicolonIsDataInAPath() {
		assertThat(problemOrBody(this.http.get("/open/100%25%20local")).path("name").asString())
			.isEqualTo("100% local");
		assertThat(problemOrBody(this.http.get("/open/a%3Bb")).path("name").asString()).isEqualTo("a;b");
	}

	@Test
	void bodiesOverTheLimitAndBodiesThatAreNotUtf8AreProblems() {
		byte[] large = ("{\"text\": \"" + "a".repeat(2_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		assertProblem("over the limit", this.http.post("/open/echo", "application/json", large), 413);
		byte[] overlong = { '{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' };
		RawHttp.Response malformed = this.http.post("/open/echo", "application/json", overlong);
		assertProblem("an overlong encoding", malformed, 400);
		assertThat(problem(malformed).path("title").asString()).isEqualTo("Malformed JSON");
		assertProblem("not JSON", this.http.post("/open/echo", "application/json", "{".getBytes()), 400);
		assertThat(
				this.http.post("/open/echo", "application/json", "{\"text\": \"ü\"}".getBytes(StandardCharsets.UTF_8))
					.body())
			.contains("ü");
	}

	@Test
	void aNumberTooLargeForItsFieldIsAProblemNamingTheFieldNotMalformedJson() {
		RawHttp.Response tooLarge = this.http.post("/open/echo", "application/json",
				"{\"text\": \"a\", \"count\": 99999999999}".getBytes(StandardCharsets.UTF_8));
		assertProblem("a number out of range", tooLarge, 400);
		assertThat(problem(tooLarge).path("title").asString()).isEqualTo("Invalid request");
		assertThat(problem(tooLarge).path("detail").asString()).isEqualTo("count: is out of range");
		assertThat(problem(tooLarge).path("errors").get(0).path("field").asString()).isEqualTo("count");
		assertThat(this.http
			.post("/open/echo", "application/json", "{\"text\": \"a\", \"count\": 7}".getBytes(StandardCharsets.UTF_8))
			.status()).isEqualTo(200);
	}

	@Test
	void errorsOutsideTheControllersAreProblemsWhateverTheClientAccepts() {
		assertProblem("unknown path", this.http.get("/nothing-here", "Accept: text/html"), 404);
		assertProblem("the error page itself", this.http.get("/error", "Accept: text/html"), 404);
		assertProblem("a malformed request line",
				this.http.send("GET /open/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.ISO_8859_1)),
				400);
	}

	@Test
	void securityHeadersAreAddedButTheServicesOwnCacheControlStays() {
		RawHttp.Response response = this.http.get("/open/cached");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).hasValue("max-age=60, public");
		assertThat(response.header("Pragma")).isEmpty();
		assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(this.http.get("/api/things", ADMIN).header("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
	}

	private static JsonNode problem(RawHttp.Response response) {
		return JSON.readTree(response.body());
	}

	private static JsonNode problemOrBody(RawHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static void assertProblem(String what, RawHttp.Response response, int status) {
		assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(what)
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.header("Set-Cookie")).as(what).isEmpty();
		assertThat(response.body()).as(what).doesNotContain("Exception", "at org.", "Tomcat", "<html");
		JsonNode problem = problem(response);
		assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
		assertThat(problem.path("title").asString()).as(what).isNotBlank();
		assertThat(problem.path("detail").asString()).as(what).isNotBlank();
	}

}
