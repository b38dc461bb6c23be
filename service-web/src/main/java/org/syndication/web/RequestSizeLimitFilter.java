package org.syndication.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over a size with 413: at once when Content-Length says so, and while
 * reading when the body comes in chunks. Without a limit one large body would be read
 * whole into memory. Each service registers it with its own limit; a body found too large
 * while it is read becomes a 413 in {@link ProblemHandler}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	public RequestSizeLimitFilter(DataSize maxSize) {
		this.maxBytes = maxSize.toBytes();
	}

	static boolean isTooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			// Not read, not even to keep the connection: it could come a byte at a time.
			UnreadBodyValve.dropRestOfBody(request);
			Problems.write(response, Problems.forStatus(HttpStatus.CONTENT_TOO_LARGE.value()));
			return;
		}
		long limit = this.maxBytes;
		chain.doFilter(new CheckedBody(request, () -> new CheckedBody.Check() {

			private long read;

			@Override
			public void read(byte[] buffer, int offset, int length) throws BodyTooLargeException {
				this.read += length;
				if (this.read > limit) {
					throw new BodyTooLargeException(limit);
				}
			}

		}), response);
	}

	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long limit) {
			super("Request body exceeds " + limit + " bytes");
		}

	}

}
