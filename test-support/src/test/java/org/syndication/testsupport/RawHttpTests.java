package org.syndication.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.syndication.testsupport.RawHttp.Request;
import org.syndication.testsupport.RawHttp.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawHttpTests {

	@Test
	void requestAddsHostLengthAndCloseAroundTheBodyAsGiven() {
		byte[] bytes = Request.of("PUT", "/api/articles/1")
			.bearer("t")
			.header("If-Match", "\"1\"")
			.json("{\"a\":\"é\"}")
			.bytes();

		assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).isEqualTo("PUT /api/articles/1 HTTP/1.1\r\n"
				+ "Host: localhost\r\nAuthorization: Bearer t\r\nIf-Match: \"1\"\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 10\r\nConnection: close\r\n\r\n{\"a\":\"\u00c3\u00a9\"}");
	}

	@Test
	void requestKeepsAHostOfItsOwn() {
		byte[] bytes = Request.get("/feeds/atom.xml").header("host", "evil.example").bytes();

		assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
			.isEqualTo("GET /feeds/atom.xml HTTP/1.1\r\nhost: evil.example\r\nConnection: close\r\n\r\n");
	}

	@Test
	void chunkedRequestSendsTheBodyInTwoChunksWithoutALength() {
		byte[] bytes = Request.of("POST", "/x").form("a=12").chunked().bytes();

		assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).isEqualTo("POST /x HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
				+ "Connection: close\r\n\r\n2\r\na=\r\n2\r\n12\r\n0\r\n\r\n");
	}

	@Test
	void responseIsTheAnswerAfterA100ContinueWithItsBodyDechunked() {
		Response response = Response.parse(("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 413 \r\n"
				+ "Content-Type: application/problem+json\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "3\r\n{\"a\r\n2\r\n\":\r\n1\r\n1\r\n1\r\n}\r\n0\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.body()).isEqualTo("{\"a\":1}");
	}

	@Test
	void responseWithoutContentTypeHasAnEmptyOne() {
		Response response = Response.parse("HTTP/1.1 204 \r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

		assertThat(response.status()).isEqualTo(204);
		assertThat(response.contentType()).isEmpty();
	}

	@Test
	void serverThatDoesNotAnswerIsNamed() throws IOException {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		RawHttp feed = new RawHttp(port, "feed-1");

		assertThat(feed).hasToString("feed-1");
		assertThat(feed.port()).isEqualTo(port);
		assertThatThrownBy(() -> feed.send(Request.get("/"))).isInstanceOf(UncheckedIOException.class)
			.hasMessage("feed-1 did not answer");
	}

}
