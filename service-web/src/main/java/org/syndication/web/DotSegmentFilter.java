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
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses paths with {@code .} or {@code ..} segments, plain or encoded, with 400. Tomcat
 * resolves them before it picks a servlet and before the filters see the path, but Spring
 * MVC maps the path as it was sent: {@code /actuator/health/../../x} is {@code /x} to the
 * filters and a health component named {@code ..} to the actuator, which fails on it.
 * Clients resolve dot segments before they send a request (RFC 3986), so only a crafted
 * request has them.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class DotSegmentFilter extends OncePerRequestFilter {

	private static final byte[] PROBLEM;

	static {
		ProblemDetail problem = ProblemReportValve.problem(HttpStatus.BAD_REQUEST.value());
		problem.setDetail("The path has . or .. segments; send it with them resolved.");
		PROBLEM = ProblemReportValve.json(problem).getBytes(StandardCharsets.UTF_8);
	}

	public static boolean hasDotSegment(String path) {
		for (String segment : path.split("/", -1)) {
			int parameters = segment.indexOf(';');
			String name = ((parameters >= 0) ? segment.substring(0, parameters) : segment).replace("%2e", ".")
				.replace("%2E", ".");
			if (name.equals(".") || name.equals("..")) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !hasDotSegment(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(PROBLEM.length);
		response.getOutputStream().write(PROBLEM);
	}

}
