package org.syndication.publisher.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.syndication.publisher.PublisherIntegrationTest;
import org.syndication.publisher.TestApi;
import org.syndication.testsupport.RawHttp;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token check over real HTTP, where Tomcat decodes and normalizes the path before the
 * request is mapped: a path that reaches the API or the actuator needs the token however
 * it is spelled, and a path that is not in normal form is refused before anything maps
 * it.
 */
@PublisherIntegrationTest
class ApiTokenPathTests {

	@LocalServerPort
	private int port;

	@Test
	void anEncodedOrOddPathDoesNotSlipPastTheToken() {
		RawHttp http = new RawHttp(this.port);
		for (String path : List.of("/%61pi/articles", "/api/%61rticles", "/api", "/api/", "/%61ctuator/prometheus",
				"/actuator/%70rometheus", "/actuator/prometheus/", "/actuator/env")) {
			RawHttp.Response response = http.get(path);
			assertThat(response.status()).as(path).isEqualTo(401);
			assertThat(response.header("WWW-Authenticate")).as(path).hasValue("Bearer realm=\"publisher-service\"");
			assertThat(response.header("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).as(path).doesNotContain("\"items\"", "jvm_");
		}
	}

	@Test
	void aWrongTokenIsRefusedAsAnInvalidToken() {
		RawHttp.Response response = new RawHttp(this.port).get("/api/articles", "Authorization: Bearer wrong");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate"))
			.hasValue("Bearer realm=\"publisher-service\", error=\"invalid_token\"");
		assertThat(response.header("Set-Cookie")).isEmpty();
	}

	@Test
	void theTokenOpensTheApiAndTheMetricsWithoutASession() {
		RawHttp http = new RawHttp(this.port);
		for (String path : List.of("/api/articles", "/%61pi/articles", "/actuator/prometheus")) {
			RawHttp.Response response = http.get(path, "Authorization: Bearer " + TestApi.TOKEN);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.header("Set-Cookie")).as(path).isEmpty();
		}
	}

	@Test
	void aPathNotInNormalFormIsRefusedBeforeItIsMapped() {
		RawHttp http = new RawHttp(this.port);
		// Tomcat resolves the dots, Spring MVC would not: the last one failed with 500
		// in the health endpoint.
		for (String path : List.of("/actuator/health/%2e%2e/prometheus", "/actuator/health/../prometheus",
				"/actuator/health/../../api/articles", "/actuator/./metrics", "/api/articles/%2E/x",
				"/actuator/health/..;x=y/prometheus", "/actuator/health/%2e%2e/%2e%2e/etc/passwd", "/api;x=y/articles",
				"//api/articles", "/actuator;x=y/prometheus", "//actuator/prometheus")) {
			RawHttp.Response response = http.get(path);
			assertThat(response.status()).as(path).isEqualTo(400);
			assertThat(response.header("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).as(path).contains("segments").doesNotContain("\"items\"", "jvm_");
		}
	}

}
