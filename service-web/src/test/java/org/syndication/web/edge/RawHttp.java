package org.syndication.web.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, so that paths go out exactly as written: an HTTP client
 * would resolve their dot segments.
 */
final class RawHttp {

	private final int port;

	RawHttp(int port) {
		this.port = port;
	}

	Response get(String target, String... headerLines) {
		StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		return send(request.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
	}

	Response post(String target, String contentType, byte[] body) {
		String head = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
				+ "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
		byte[] request = new byte[head.length() + body.length];
		System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, request, 0, head.length());
		System.arraycopy(body, 0, request, head.length(), body.length);
		return send(request);
	}

	Response send(byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before it has read everything; read on.
			}
			return Response.parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A response; header names in lower case. */
	record Response(int status, Map<String, String> headers, String body) {

		static Response parse(String text) {
			int end = text.indexOf("\r\n\r\n");
			String[] lines = text.substring(0, end).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
			}
			String body = text.substring(end + 4);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = dechunked(body);
			}
			return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
		}

		private static String dechunked(String chunked) {
			StringBuilder body = new StringBuilder();
			int at = 0;
			while (true) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
				if (size == 0) {
					return body.toString();
				}
				// Sizes count bytes; the body was decoded as UTF-8.
				byte[] rest = chunked.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
				String chunk = new String(rest, 0, size, StandardCharsets.UTF_8);
				body.append(chunk);
				at = lineEnd + 2 + chunk.length() + 2;
			}
		}

		Optional<String> header(String name) {
			return Optional.ofNullable(this.headers.get(name.toLowerCase(Locale.ROOT)));
		}

	}

}
