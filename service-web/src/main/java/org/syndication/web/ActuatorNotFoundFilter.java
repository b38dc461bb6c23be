package org.syndication.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The actuator answers an unknown health component or metric with a bare 404: no body, no
 * content type. This gives it the problem that every other 404 has. Only those paths are
 * buffered; their answers are small.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class ActuatorNotFoundFilter extends OncePerRequestFilter {

	private static final byte[] PROBLEM = ProblemReportValve
		.json(ProblemReportValve.problem(HttpStatus.NOT_FOUND.value()))
		.getBytes(StandardCharsets.UTF_8);

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		return !(path.startsWith("/actuator/health/") || path.startsWith("/actuator/metrics/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, buffered);
		if (buffered.getStatus() == HttpStatus.NOT_FOUND.value() && buffered.getContentSize() == 0
				&& !response.isCommitted()) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setContentLength(PROBLEM.length);
			response.getOutputStream().write(PROBLEM);
			return;
		}
		buffered.copyBodyToResponse();
	}

}
