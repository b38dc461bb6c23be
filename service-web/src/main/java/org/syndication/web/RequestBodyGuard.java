package org.syndication.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps slow bodies from holding the service's threads ({@link RequestBodySettings}). A
 * request with a body takes a place while its body arrives ({@link ArrivingBodies}): one
 * of its client's few and one of all; without a free place it is refused at once, and the
 * connection closed, so that nothing more of its body is waited for. The place is given
 * back as soon as the whole body is in, so that clients whose bodies arrive at once are
 * never limited, however many requests they send. A body still arriving after the
 * deadline is refused with 408 when its next part comes in.
 * <p>
 * Forms are read here, whole, and their parameters served from what was read
 * ({@link FormBody}): Tomcat would read them itself, out of sight of the deadline.
 */
class RequestBodyGuard extends OncePerRequestFilter {

	private static final String RETRY_AFTER_SECONDS = "5";

	private final RequestBodySettings settings;

	private final ArrivingBodies arriving;

	RequestBodyGuard(RequestBodySettings settings) {
		this.settings = settings;
		this.arriving = new ArrivingBodies(settings.maxPerClient(), settings.maxTotal());
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
		String client = ArrivingBodies.client(request.getRemoteAddr());
		ArrivingBodies.Arrival arrival = this.arriving.arrive(client);
		if (arrival.refusal() != null) {
			refuse(request, response, arrival.refusal());
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

	/** Refuses a body that is late, and gives its place back when it is in. */
	private static final class Timed implements CheckedBody.Check {

		private final ArrivingBodies.Arrival arrival;

		private final long deadline;

		private final long length;

		private long read;

		Timed(ArrivingBodies.Arrival arrival, long deadline, long length) {
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

	static final class BodyTooSlowException extends IOException {

		BodyTooSlowException() {
			super("The request body did not arrive in time");
		}

	}

}
