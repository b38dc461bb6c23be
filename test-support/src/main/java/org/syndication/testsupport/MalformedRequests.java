package org.syndication.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests that Tomcat refuses itself, before any servlet sees them, by what is wrong
 * with them ({@link RawHttp#malformed(String)}).
 */
final class MalformedRequests {

	private MalformedRequests() {
	}

	static Map<String, String> on(String path) {
		String end = "Host: localhost\r\nConnection: close\r\n\r\n";
		Map<String, String> requests = new LinkedHashMap<>();
		requests.put("invalid percent-encoding in the path", "GET " + path + "/%zz HTTP/1.1\r\n" + end);
		requests.put("invalid UTF-8 in the path", "GET " + path + "/%C3%28 HTTP/1.1\r\n" + end);
		requests.put("a byte that is never UTF-8 in the path", "GET " + path + "/%FF HTTP/1.1\r\n" + end);
		requests.put("NUL in the path", "GET " + path + "/%00 HTTP/1.1\r\n" + end);
		requests.put("encoded slash", "GET " + path + "/a%2Fb HTTP/1.1\r\n" + end);
		requests.put("encoded backslash", "GET " + path + "/a%5Cb HTTP/1.1\r\n" + end);
		requests.put("backslash", "GET " + path + "/a\\b HTTP/1.1\r\n" + end);
		requests.put("path above the root", "GET /../etc/passwd HTTP/1.1\r\n" + end);
		requests.put("10,000-character path", "GET " + path + "/" + "a".repeat(10_000) + " HTTP/1.1\r\n" + end);
		requests.put("10,000-character query", "GET " + path + "?q=" + "a".repeat(10_000) + " HTTP/1.1\r\n" + end);
		requests.put("10,000-character header",
				"GET " + path + " HTTP/1.1\r\nX-Long: " + "a".repeat(10_000) + "\r\n" + end);
		requests.put("space in a header name", "GET " + path + " HTTP/1.1\r\nBad Header: x\r\n" + end);
		requests.put("header line without a colon", "GET " + path + " HTTP/1.1\r\nNoColon\r\n" + end);
		requests.put("control character in a header", "GET " + path + " HTTP/1.1\r\nX-A: a\u0001b\r\n" + end);
		requests.put("invalid character in the target", "GET " + path + "/a{b HTTP/1.1\r\n" + end);
		requests.put("space in the target", "GET " + path + "/a b HTTP/1.1\r\n" + end);
		requests.put("no Host", "GET " + path + " HTTP/1.1\r\nConnection: close\r\n\r\n");
		requests.put("two Hosts", "GET " + path + " HTTP/1.1\r\nHost: example.org\r\n" + end);
		requests.put("invalid Host", "GET " + path + " HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
		requests.put("absolute target for another host", "GET http://example.org" + path + " HTTP/1.1\r\n" + end);
		requests.put("invalid method", "G(T " + path + " HTTP/1.1\r\n" + end);
		requests.put("unknown HTTP version", "GET " + path + " HTTP/1.2\r\n" + end);
		requests.put("HTTP/2.0 over HTTP/1 framing", "GET " + path + " HTTP/2.0\r\n" + end);
		requests.put("not HTTP at all", "\u0001\u0002\u0003 nonsense\r\n\r\n");
		requests.put("GET *", "GET * HTTP/1.1\r\n" + end);
		requests.put("Content-Length not a number", "POST " + path + " HTTP/1.1\r\nContent-Length: abc\r\n" + end);
		requests.put("Content-Length too large to be a number",
				"POST " + path + " HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n" + end);
		requests.put("two Content-Lengths",
				"POST " + path + " HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n" + end + "ab");
		requests.put("unknown transfer coding", "POST " + path + " HTTP/1.1\r\nTransfer-Encoding: bogus\r\n" + end);
		requests.put("unknown expectation",
				"POST " + path + " HTTP/1.1\r\nExpect: 100-nothing\r\nContent-Length: 2\r\n" + end + "{}");
		// Tomcat decodes parameters when they are read, as every actuator endpoint does.
		requests.put("invalid UTF-8 in the query", "GET /actuator/health?q=%C3%28 HTTP/1.1\r\n" + end);
		requests.put("a byte that is never UTF-8 in the query", "GET /actuator/health?q=%FF HTTP/1.1\r\n" + end);
		requests.put("invalid percent-encoding in the query", "GET /actuator/health?q=%zz HTTP/1.1\r\n" + end);
		requests.put("more parameters than the connector takes",
				"GET /actuator/health?" + "a=1&".repeat(1_500) + " HTTP/1.1\r\n" + end);
		return requests;
	}

}
