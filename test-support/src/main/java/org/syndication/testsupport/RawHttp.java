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
		return MalformedRequests.on(path);
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
			return ResponseParser.parse(ResponseParser.readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(this.name + " did not answer", ex);
		}
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
			return ResponseParser.parse(raw);
		}

	}

}
