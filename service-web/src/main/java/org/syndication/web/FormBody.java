package org.syndication.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A form ({@code application/x-www-form-urlencoded}) read whole by
 * {@link RequestBodyGuard}, within its deadline; its parameters follow those of the query
 * string.
 */
final class FormBody extends HttpServletRequestWrapper {

	private final Map<String, String[]> parameters;

	private FormBody(HttpServletRequest request, Map<String, String[]> parameters) {
		super(request);
		this.parameters = parameters;
	}

	/**
	 * Reads a request's form.
	 * @param request the request
	 * @param deadline by when ({@link System#nanoTime()}) the body must be in
	 * @param maxSize the largest body accepted, in bytes
	 * @return the request with the form's parameters
	 * @throws RequestBodyGuard.BodyTooSlowException if the body is still arriving after
	 * the deadline
	 * @throws RequestSizeLimitFilter.BodyTooLargeException if the body is larger
	 * @throws IllegalArgumentException if the form is not text in its charset
	 * @throws IOException if the body cannot be read
	 */
	static FormBody read(HttpServletRequest request, long deadline, long maxSize) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try (InputStream in = request.getInputStream()) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				if (System.nanoTime() - deadline > 0) {
					throw new RequestBodyGuard.BodyTooSlowException();
				}
				body.write(buffer, 0, n);
				if (body.size() > maxSize) {
					throw new RequestSizeLimitFilter.BodyTooLargeException(maxSize);
				}
			}
		}
		Charset charset = (request.getCharacterEncoding() != null) ? Charset.forName(request.getCharacterEncoding())
				: StandardCharsets.UTF_8;
		Map<String, List<String>> values = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, given) -> values.put(name, new ArrayList<>(List.of(given))));
		String text = body.toString(StandardCharsets.ISO_8859_1);
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals), charset);
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1), charset);
			values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		Map<String, String[]> parameters = new LinkedHashMap<>();
		values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
		return new FormBody(request, Collections.unmodifiableMap(parameters));
	}

	/**
	 * Decodes one name or value: its characters stand for the body's bytes (ISO-8859-1),
	 * '+' for a space and '%XX' for a byte, and the bytes are text in the form's charset.
	 */
	private static String decode(String encoded, Charset charset) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '+') {
				bytes.write(' ');
			}
			else if (c == '%') {
				if (i + 2 >= encoded.length()) {
					throw new IllegalArgumentException("A '%' without two hexadecimal digits");
				}
				bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
				i += 2;
			}
			else {
				bytes.write(c);
			}
		}
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			// Never replaced: a form that is not text in its charset is refused.
			throw new IllegalArgumentException("A form value is not " + charset.name() + " text", ex);
		}
	}

	@Override
	public String getParameter(String name) {
		String[] values = this.parameters.get(name);
		return (values != null) ? values[0] : null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return this.parameters;
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(this.parameters.keySet());
	}

	@Override
	public String[] getParameterValues(String name) {
		String[] values = this.parameters.get(name);
		return (values != null) ? values.clone() : null;
	}

}
