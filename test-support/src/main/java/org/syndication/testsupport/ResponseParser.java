package org.syndication.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.syndication.testsupport.RawHttp.Response;

/**
 * Reads what a server wrote back on a {@link RawHttp} connection into a {@link Response}:
 * the last head after any {@code 100 Continue}, and the body de-chunked.
 */
final class ResponseParser {

	private ResponseParser() {
	}

	static byte[] readAll(InputStream in) throws IOException {
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
