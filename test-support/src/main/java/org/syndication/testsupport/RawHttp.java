package org.syndication.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for the requests that no HTTP client sends: the bytes go
 * out exactly as given, whatever their path, headers or body.
 */
public final class RawHttp {

	private final int port;

	private final String name;

	private final String localAddress;

	public RawHttp(int port) {
		this(port, "127.0.0.1:" + port);
	}

	/**
	 * @param port the server's port on 127.0.0.1
	 * @param name what the server is called in messages and in {@link #toString()}
	 */
	public RawHttp(int port, String name) {
		this(port, name, null);
	}

	private RawHttp(int port, String name, String localAddress) {
		this.port = port;
		this.name = name;
		this.localAddress = localAddress;
	}

	/**
	 * The same requests sent from another loopback address (127.0.0.2 and up), so that
	 * the server sees another client.
	 */
	public RawHttp from(String localAddress) {
		return new RawHttp(this.port, this.name, localAddress);
	}

	public int port() {
		return this.port;
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * Requests that Tomcat refuses itself, before any servlet sees them, by what is wrong
	 * with them.
	 * @param path a path the service serves, to build the requests on
	 * @return raw requests by name
	 */
	public static Map<String, String> malformed(String path) {
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

	/** A GET of a request target, as written, on a connection that closes after it. */
	public Response get(String target, String... headerLines) {
		StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		return send(request.append("Connection: close\r\n\r\n").toString());
	}

	/** A POST of the body's bytes as they are, on a connection that closes after it. */
	public Response post(String target, String contentType, byte[] body) {
		return send(Request.of("POST", target).body(contentType, body));
	}

	/** A request built with {@link Request}, sent as it goes on the wire. */
	public Response send(Request request) {
		return send(request.bytes());
	}

	/** The request's characters sent as ISO-8859-1, one byte each. */
	public Response send(String request) {
		return send(request.getBytes(StandardCharsets.ISO_8859_1));
	}

	public Response send(byte[] request) {
		try (Socket socket = new Socket()) {
			if (this.localAddress != null) {
				socket.bind(new InetSocketAddress(this.localAddress, 0));
			}
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
			// Long enough for a service process on a busy machine; a server that answers
			// never makes anyone wait for it.
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before it has read everything; read on.
			}
			return Response.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(this.name + " did not answer", ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			// A reset after the answer arrived still leaves the answer to look at.
			if (bytes.size() == 0) {
				throw ex;
			}
		}
		return bytes.toByteArray();
	}

	/**
	 * A request as it goes on the wire: the request line and headers as ISO-8859-1, one
	 * byte per character, then the body's bytes as they are. {@code Host} and
	 * {@code Connection: close} are added unless given.
	 */
	public static final class Request {

		private final String method;

		private final String target;

		private final List<String> headerLines = new ArrayList<>();

		private byte[] body;

		private boolean chunked;

		private Request(String method, String target) {
			this.method = method;
			this.target = target;
		}

		public static Request of(String method, String target) {
			return new Request(method, target);
		}

		public static Request get(String target) {
			return new Request("GET", target);
		}

		public Request header(String name, String value) {
			this.headerLines.add(name + ": " + value);
			return this;
		}

		public Request bearer(String token) {
			return header("Authorization", "Bearer " + token);
		}

		public Request body(String contentType, byte[] body) {
			this.body = body;
			return header("Content-Type", contentType);
		}

		public Request json(String json) {
			return body("application/json", json.getBytes(StandardCharsets.UTF_8));
		}

		public Request form(String form) {
			return body("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
		}

		/** Sends the body in two chunks, without a Content-Length. */
		public Request chunked() {
			this.chunked = true;
			return this;
		}

		public byte[] bytes() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			StringBuilder head = new StringBuilder(this.method).append(' ').append(this.target).append(" HTTP/1.1\r\n");
			if (this.headerLines.stream().noneMatch((line) -> line.regionMatches(true, 0, "Host:", 0, 5))) {
				head.append("Host: localhost\r\n");
			}
			this.headerLines.forEach((line) -> head.append(line).append("\r\n"));
			if (this.body != null && this.chunked) {
				head.append("Transfer-Encoding: chunked\r\n");
			}
			else if (this.body != null) {
				head.append("Content-Length: ").append(this.body.length).append("\r\n");
			}
			head.append("Connection: close\r\n\r\n");
			out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (this.body != null && this.chunked) {
				int half = this.body.length / 2;
				chunk(out, this.body, 0, half);
				chunk(out, this.body, half, this.body.length - half);
				out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			else if (this.body != null) {
				out.writeBytes(this.body);
			}
			return out.toByteArray();
		}

		private static void chunk(ByteArrayOutputStream out, byte[] body, int offset, int length) {
			out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.write(body, offset, length);
			out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		}

		@Override
		public String toString() {
			String shown = (this.target.length() > 120) ? this.target.substring(0, 120) + "…" : this.target;
			return this.method + " " + shown;
		}

	}

	/**
	 * An answer: status, headers by lower-case name, and the body (de-chunked) as UTF-8.
	 */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		public Optional<String> header(String name) {
			return Optional.ofNullable(this.headers.get(name.toLowerCase(Locale.ROOT)))
				.filter((values) -> !values.isEmpty())
				.map((values) -> values.get(0));
		}

		/** The Content-Type, or empty when there is none. */
		public String contentType() {
			return header("Content-Type").orElse("");
		}

		static Response parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			// A 100 Continue may come first; the answer is the last head.
			while (text.startsWith("HTTP/1.1 100")) {
				int end = text.indexOf("\r\n\r\n");
				text = text.substring(end + 4);
				raw = text.getBytes(StandardCharsets.ISO_8859_1);
			}
			int end = text.indexOf("\r\n\r\n");
			if (!text.startsWith("HTTP/1.1 ") || end < 0) {
				throw new IllegalStateException("Not an HTTP/1.1 response: " + text);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].substring(9, 12));
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers
					.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
							(name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).strip());
			}
			byte[] body = new byte[raw.length - end - 4];
			System.arraycopy(raw, end + 4, body, 0, body.length);
			if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
				body = dechunk(body);
			}
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] chunked) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int position = 0;
			while (true) {
				int lineEnd = indexOfCrlf(chunked, position);
				String size = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
				int length = Integer.parseInt(size.split(";")[0].strip(), 16);
				if (length == 0) {
					return body.toByteArray();
				}
				body.write(chunked, lineEnd + 2, length);
				position = lineEnd + 2 + length + 2;
			}
		}

		private static int indexOfCrlf(byte[] bytes, int from) {
			for (int i = from; i < bytes.length - 1; i++) {
				if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
					return i;
				}
			}
			throw new IllegalStateException("Truncated chunked body");
		}

	}

}
