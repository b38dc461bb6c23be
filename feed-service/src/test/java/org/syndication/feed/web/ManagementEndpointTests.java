package org.syndication.feed.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.testsupport.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actuator over real HTTP: health and info are open, everything else needs the
 * management token.
 */
@FeedIntegrationTest
class ManagementEndpointTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> GUARDED = List.of("/actuator/prometheus", "/actuator/metrics",
			"/actuator/metrics/jvm.memory.used", "/actuator");

	@LocalServerPort
	private int port;

	private RawHttp http;

	@BeforeEach
	void connect() {
		this.http = new RawHttp(this.port);
	}

	/**
	 * Feeds are public, and their polls pass no security chain (see
	 * SecurityConfiguration): a credential sent with a poll, wrong or right, is not
	 * looked at. Feed readers set up with a password send one to every feed they poll.
	 * Elsewhere, open paths included, a wrong bearer token is refused.
	 */
	@Test
	void aFeedPollIgnoresAnyCredentialWhileOtherOpenPathsRefuseAWrongToken() {
		RawHttp.Response plain = this.http.get("/feeds/atom.xml");
		for (String credential : List.of("Authorization: Bearer wrong-token", "Authorization: Basic dXNlcjpwYXNz")) {
			RawHttp.Response poll = this.http.get("/feeds/atom.xml", credential);
			assertThat(poll.status()).as(credential).isEqualTo(200);
			assertThat(poll.body()).as(credential).isEqualTo(plain.body());
		}
		assertUnauthorized("/", this.http.get("/", "Authorization: Bearer wrong-token"));
	}

	@Test
	void metricsNeedTheManagementToken() {
		for (String path : GUARDED) {
			assertUnauthorized(path, this.http.get(path));
			assertUnauthorized(path, this.http.get(path, "Authorization: Bearer wrong-token"));
			assertUnauthorized(path, this.http.get(path, "Authorization: Bearer "));
			assertUnauthorized(path,
					this.http.get(path, "Authorization: Basic " + FeedIntegrationTest.MANAGEMENT_TOKEN));
			assertThat(this.http.get(path, "Authorization: Bearer wrong-token").header("WWW-Authenticate")).as(path)
				.hasValue("Bearer realm=\"feed-service\", error=\"invalid_token\"");
			assertThat(this.http.get(path, "Authorization: Bearer " + FeedIntegrationTest.MANAGEMENT_TOKEN).status())
				.as(path)
				.isEqualTo(200);
		}
		assertThat(
				this.http.get("/actuator/prometheus", "Authorization: bearer " + FeedIntegrationTest.MANAGEMENT_TOKEN)
					.body())
			.contains("jvm_memory_used_bytes");
	}

	@Test
	void anEncodedOrOddPathDoesNotSlipPastTheToken() {
		for (String path : List.of("/%61ctuator/prometheus", "/actuator/%70rometheus", "/actuator/prometheus/",
				"/actuator/env")) {
			assertUnauthorized(path, this.http.get(path));
		}
	}

	@Test
	void aPathNotInNormalFormIsRefusedBeforeItIsMapped() {
		// Tomcat resolves the dots, Spring MVC would not: the last one failed with 500
		// in the health endpoint.
		for (String path : List.of("/actuator/health/../prometheus", "/actuator/health/%2e%2e/prometheus",
				"/actuator/./metrics", "/actuator/health/..;x=y/prometheus", "/feeds/%2E/atom.xml",
				"/actuator/health/%2e%2e/%2e%2e/etc/passwd", "/actuator;x=y/prometheus", "//actuator/prometheus",
				"/feeds;x=y/atom.xml", "/fe%65ds/atom.xml")) {
			RawHttp.Response response = this.http.get(path);
			assertThat(response.status()).as(path).isEqualTo(400);
			assertThat(response.header("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).as(path).contains("segments").doesNotContain("jvm_");
		}
	}

	@Test
	void aFeedIsPublicWhateverCredentialThePollerSends() {
		// Polls skip the security chain; a stale token in a reader's settings must not
		// turn the public feed into a 401.
		for (String authorization : List.of("", "Authorization: Bearer wrong-token", "Authorization: Basic eDp5")) {
			RawHttp.Response response = authorization.isEmpty() ? this.http.get("/feeds/atom.xml")
					: this.http.get("/feeds/atom.xml", authorization);
			assertThat(response.status()).as(authorization).isEqualTo(200);
			assertThat(response.header("WWW-Authenticate")).as(authorization).isEmpty();
			assertThat(response.header("Set-Cookie")).as(authorization).isEmpty();
			assertThat(response.header("X-Content-Type-Options")).as(authorization).hasValue("nosniff");
			assertThat(response.body()).as(authorization).contains("<feed");
		}
		assertThat(this.http.get("/feeds/nothing.xml").header("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void pagesAreTimedButPollsAreNot() {
		assertThat(this.http.get("/").status()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			assertThat(this.http.get("/feeds/atom.xml").status()).isEqualTo(200);
		}
		String metrics = this.http
			.get("/actuator/prometheus", "Authorization: Bearer " + FeedIntegrationTest.MANAGEMENT_TOKEN)
			.body();
		assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/\"")
			.doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*uri=\"(UNKNOWN|/feeds[^\"]*)\"");
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

	@Test
	void prometheusShowsThePushesDueTheDeadLettersAndThatTheServiceIsReady() {
		assertThat(prometheus()).containsPattern("(?m)^feed_websub_queue_pushes \\d")
			.containsPattern("(?m)^feed_websub_queue_age_seconds \\d")
			.containsPattern("(?m)^deadletter_records_total\\{topic=\"articles.feed-service.dlq\"\\} \\d");
		// Evaluated every 10 s: the first look may have come before the service was
		// ready.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(prometheus()).contains("\nservice_ready 1.0\n"));
	}

	private String prometheus() {
		RawHttp.Response response = this.http.get("/actuator/prometheus",
				"Authorization: Bearer " + FeedIntegrationTest.MANAGEMENT_TOKEN);
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	private static void assertUnauthorized(String path, RawHttp.Response response) {
		assertThat(response.status()).as(path).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).as(path)
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer realm=\"feed-service\""));
		assertThat(response.header("Set-Cookie")).as(path).isEmpty();
		assertThat(response.header("Content-Type")).as(path)
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("status").asInt()).as(path).isEqualTo(401);
		assertThat(problem.path("title").asString()).as(path).isEqualTo("Unauthorized");
		assertThat(problem.path("detail").asString()).as(path).isNotBlank();
		assertThat(response.body()).as(path).doesNotContain("jvm_");
	}

}
