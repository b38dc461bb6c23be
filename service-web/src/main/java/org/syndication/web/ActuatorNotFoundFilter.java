package org.syndication.web;

import java.io.IOException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The actuator answers an unknown health component or metric with a bare 404: no body, no
 * content type. This gives it the problem that every other 404 has. Only those paths are
 * buffered; their answers are small.
 */
class ActuatorNotFoundFilter extends OncePerRequestFilter {

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
			Problems.write(response, Problems.forStatus(HttpStatus.NOT_FOUND.value()));
			return;
		}
		buffered.copyBodyToResponse();
	}

}
