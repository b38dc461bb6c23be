package org.syndication.publisher.web;

import org.junit.jupiter.api.Test;
import org.syndication.publisher.PublisherIntegrationTest;
import org.syndication.publisher.TestApi;
import org.syndication.testsupport.RawHttp;
import org.syndication.testsupport.RefusedRequestContract;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests refused before or outside the publisher's controllers are RFC 9457 problems,
 * never Tomcat's HTML page: the contract every service keeps, and the publisher's own
 * body limit.
 */
@PublisherIntegrationTest
class RefusedRequestTests extends RefusedRequestContract {

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

	@Override
	protected String servedPath() {
		return "/api/articles";
	}

	@Override
	protected String wrongMethodRequestLine() {
		return "DELETE /articles/x";
	}

	@Override
	protected String managementToken() {
		return TestApi.TOKEN;
	}

	@Test
	void bodiesOverTheLimitGetAProblem() {
		String body = "a=" + "b".repeat(3_000_000);
		RawHttp.Response response = http()
			.send("POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestApi.TOKEN
					+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
					+ "\r\nConnection: close\r\n\r\n" + body);
		assertProblem("3 MB form", response, 413, 413);
	}

}
