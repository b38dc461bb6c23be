package org.syndication.feed.web;

import org.junit.jupiter.api.Test;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.testsupport.RawHttp;
import org.syndication.testsupport.RefusedRequestContract;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests refused before or outside the controllers and the feed servlet are RFC 9457
 * problems, never Tomcat's HTML page: the contract every service keeps, and large bodies
 * sent to paths that take none.
 */
@FeedIntegrationTest
class RefusedRequestTests extends RefusedRequestContract {

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

	@Override
	protected String servedPath() {
		return "/feeds/atom.xml";
	}

	@Override
	protected String wrongMethodRequestLine() {
		return "POST /feeds/atom.xml";
	}

	@Override
	protected String managementToken() {
		return FeedIntegrationTest.MANAGEMENT_TOKEN;
	}

	@Test
	void largeBodiesGetAProblem() {
		String body = "a=" + "b".repeat(3_000_000);
		for (String path : new String[] { "/feeds/atom.xml", "/actuator/health" }) {
			RawHttp.Response response = http().send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
					+ "\r\nConnection: close\r\n\r\n" + body);
			assertProblem(path, response, 400, 499);
		}
	}

}
