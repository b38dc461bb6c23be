package org.syndication.system;

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
final class RawHttp {

	private final String name;

	private final int port;

	int port() {
		return this.port;
	}

	RawHttp(ServiceProcess service) {
		this.name = service.name();
		this.port = service.uri("/").getPort();
	}

	@Override
	public String toString() {
		return this.name;
	}

	Response send(Request request) {
		return send(request.bytes());
	}

	Response send(byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
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
	static final class Request {

		private final String method;

		private final String target;

		private final List<String> headerLines = new ArrayList<>();

		private byte[] body;

		private boolean chunked;

		private Request(String method, String target) {
			this.method = method;
			this.target = target;
		}

		static Request of(String method, String target) {
			return new Request(method, target);
		}

		static Request get(String target) {
			return new Request("GET", target);
		}

		Request header(String name, String value) {
			this.headerLines.add(name + ": " + value);
			return this;
		}

		Request bearer(String token) {
			return header("Authorization", "Bearer " + token);
		}

		Request body(String contentType, byte[] body) {
			this.body = body;
			return header("Content-Type", contentType);
		}

		Request json(String json) {
			return body("application/json", json.getBytes(StandardCharsets.UTF_8));
		}

		Request form(String form) {
			return body("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
		}

		/** Sends the body in two chunks, without a Content-Length. */
		Request chunked() {
			this.chunked = true;
			return this;
		}

		byte[] bytes() {
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
	record Response(int status, Map<String, List<String>> headers, String body) {

		Optional<String> header(String name) {
			return Optional.ofNullable(this.headers.get(name.toLowerCase(Locale.ROOT)))
				.filter((values) -> !values.isEmpty())
				.map((values) -> values.get(0));
		}

		String contentType() {
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
