package org.syndication.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.syndication.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refuses an authenticated request that its credential does not allow with a 403 problem,
 * whose detail the service's {@link AccessDeniedDetail} gives.
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final AccessDeniedDetail detail;

	ProblemAccessDeniedHandler(AccessDeniedDetail detail) {
		this.detail = detail;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		ProblemDetail problem = Problems.forStatus(HttpStatus.FORBIDDEN.value());
		String text = this.detail.detail(request, denied);
		if (text != null && !text.isBlank()) {
			problem.setDetail(text);
		}
		Problems.write(response, problem);
	}

}
