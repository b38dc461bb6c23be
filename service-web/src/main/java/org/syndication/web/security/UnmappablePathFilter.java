package org.syndication.web.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import org.syndication.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Refuses with 400 a request to a servlet mapped by path prefix (the feed servlet's
 * {@code /feeds/*}) whose raw path does not start with that prefix as written: Tomcat
 * maps {@code /fe%65ds/x} and {@code /feeds;a=b/x} to it, but Spring Security parses the
 * path before its firewall looks at it, and that parse fails with an exception (a 500) on
 * such a path. Requests to the DispatcherServlet, mapped by default, are not checked, and
 * a raw path that starts with the prefix as written (every feed poll) is let through
 * without parsing it.
 */
final class UnmappablePathFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getHttpServletMapping().getMappingMatch() != MappingMatch.PATH;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (startsWithServletPath(request)) {
			chain.doFilter(request, response);
			return;
		}
		try {
			ServletRequestPathUtils.parseAndCache(request);
			ServletRequestPathUtils.clearParsedRequestPath(request);
		}
		catch (IllegalArgumentException ex) {
			Problems.write(response, ProblemRequestRejectedHandler.problem());
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean startsWithServletPath(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		String servletPath = request.getServletPath();
		int end = contextPath.length() + servletPath.length();
		return uri.startsWith(contextPath) && uri.startsWith(servletPath, contextPath.length())
				&& (uri.length() == end || uri.charAt(end) == '/');
	}

}
