package org.syndication.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps slow bodies from holding the service's threads ({@link RequestBodySettings}). A
 * request with a body takes a place while its body arrives: one of its client's few and
 * one of all; without a free place it is refused at once, and the connection closed, so
 * that nothing more of its body is waited for. The place is given back as soon as the
 * whole body is in, so that clients whose bodies arrive at once are never limited,
 * however many requests they send. A body still arriving after the deadline is refused
 * with 408 when its next part comes in.
 * <p>
 * Forms are read here, whole, and their parameters served from what was read: Tomcat
 * would read them itself, out of sight of the deadline.
 */
class RequestBodyGuard extends OncePerRequestFilter {

	private static final String RETRY_AFTER_SECONDS = "5";

	private final RequestBodySettings settings;

	private final Map<String, AtomicInteger> arrivingByClient = new ConcurrentHashMap<>();

	private final AtomicInteger arriving = new AtomicInteger();

	RequestBodyGuard(RequestBodySettings settings) {
		this.settings = settings;
	}

	static boolean isTooSlow(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooSlowException) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = client(request.getRemoteAddr());
		Arrival arrival = arrive(client);
		if (arrival.refusal != null) {
			refuse(request, response, arrival.refusal);
			return;
		}
		try {
			long deadline = System.nanoTime() + this.settings.deadline().toNanos();
			if (isForm(request)) {
				FormBody form;
				try {
					form = FormBody.read(request, deadline, this.settings.maxFormSize().toBytes());
				}
				catch (BodyTooSlowException ex) {
					refuse(request, response, HttpStatus.REQUEST_TIMEOUT);
					return;
				}
				catch (IOException ex) {
					if (RequestSizeLimitFilter.isTooLarge(ex)) {
						refuse(request, response, HttpStatus.CONTENT_TOO_LARGE);
						return;
					}
					throw ex;
				}
				catch (IllegalArgumentException ex) {
					refuse(request, response, HttpStatus.BAD_REQUEST);
					return;
				}
				arrival.leave();
				chain.doFilter(form, response);
			}
			else {
				long length = request.getContentLengthLong();
				chain.doFilter(new CheckedBody(request, () -> new Timed(arrival, deadline, length)), response);
			}
		}
		finally {
			arrival.leave();
		}
	}

	private Arrival arrive(String client) {
		AtomicInteger ofClient = this.arrivingByClient.compute(client, (key, count) -> {
			AtomicInteger counter = (count != null) ? count : new AtomicInteger();
			counter.incrementAndGet();
			return counter;
		});
		Arrival arrival = new Arrival(client, ofClient);
		if (ofClient.get() > this.settings.maxPerClient()) {
			arrival.leave();
			return new Arrival(HttpStatus.TOO_MANY_REQUESTS);
		}
		if (this.arriving.incrementAndGet() > this.settings.maxTotal()) {
			this.arriving.decrementAndGet();
			arrival.leave();
			return new Arrival(HttpStatus.SERVICE_UNAVAILABLE);
		}
		arrival.counted = true;
		return arrival;
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status)
			throws IOException {
		ProblemDetail problem = Problems.forStatus(status.value());
		problem.setDetail(switch (status) {
			case TOO_MANY_REQUESTS -> "This client is sending as many request bodies at once as it may; "
					+ "send this one when one of them is in.";
			case SERVICE_UNAVAILABLE ->
				"The service is receiving as many request bodies at once as it takes; " + "try again in a few seconds.";
			case REQUEST_TIMEOUT -> "The request body did not arrive in time.";
			default -> problem.getDetail();
		});
		if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		// Whatever more of the body comes is not waited for.
		response.setHeader(HttpHeaders.CONNECTION, "close");
		UnreadBodyValve.dropRestOfBody(request);
		Problems.write(response, problem);
	}

	private static boolean isForm(HttpServletRequest request) {
		String type = request.getContentType();
		return "POST".equals(request.getMethod()) && type != null
				&& type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
	}

	/**
	 * The client a body is counted for: its IPv4 address, or the /64 of its IPv6 address,
	 * since one subscriber line holds a whole /64.
	 */
	static String client(String remoteAddress) {
		try {
			byte[] bytes = InetAddress.getByName(remoteAddress).getAddress();
			if (bytes.length == 16) {
				return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16)).getHostAddress() + "/64";
			}
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return remoteAddress;
		}
	}

	/** A body's place among those arriving; given back once. */
	private final class Arrival {

		private final String client;

		private final AtomicInteger ofClient;

		private final HttpStatus refusal;

		private boolean counted;

		private boolean left;

		Arrival(String client, AtomicInteger ofClient) {
			this.client = client;
			this.ofClient = ofClient;
			this.refusal = null;
		}

		Arrival(HttpStatus refusal) {
			this.client = null;
			this.ofClient = null;
			this.refusal = refusal;
			this.left = true;
		}

		void leave() {
			if (this.left) {
				return;
			}
			this.left = true;
			if (this.counted) {
				RequestBodyGuard.this.arriving.decrementAndGet();
			}
			RequestBodyGuard.this.arrivingByClient.computeIfPresent(this.client,
					(key, count) -> (count == this.ofClient && count.decrementAndGet() == 0) ? null : count);
		}

	}

	/** Refuses a body that is late, and gives its place back when it is in. */
	private static final class Timed implements CheckedBody.Check {

		private final Arrival arrival;

		private final long deadline;

		private final long length;

		private long read;

		Timed(Arrival arrival, long deadline, long length) {
			this.arrival = arrival;
			this.deadline = deadline;
			this.length = length;
		}

		@Override
		public void read(byte[] buffer, int offset, int count) throws IOException {
			if (System.nanoTime() - this.deadline > 0) {
				throw new BodyTooSlowException();
			}
			this.read += count;
			if (this.length >= 0 && this.read >= this.length) {
				this.arrival.leave();
			}
		}

		@Override
		public void end() {
			this.arrival.leave();
		}

	}

	/** A form read whole; its parameters follow those of the query string. */
	private static final class FormBody extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters;

		private FormBody(HttpServletRequest request, Map<String, String[]> parameters) {
			super(request);
			this.parameters = parameters;
		}

		static FormBody read(HttpServletRequest request, long deadline, long maxSize) throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try (InputStream in = request.getInputStream()) {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					if (System.nanoTime() - deadline > 0) {
						throw new BodyTooSlowException();
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
		 * Decodes one name or value: its characters stand for the body's bytes
		 * (ISO-8859-1), '+' for a space and '%XX' for a byte, and the bytes are text in
		 * the form's charset.
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

	static final class BodyTooSlowException extends IOException {

		BodyTooSlowException() {
			super("The request body did not arrive in time");
		}

	}

}
