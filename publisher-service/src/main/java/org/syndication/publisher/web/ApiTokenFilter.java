package org.syndication.publisher.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.syndication.publisher.PublisherProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the editors' API and the operational endpoints with the bearer token. Reads of
 * {@code /api} are guarded too, since they show drafts and scheduled articles; readers
 * see published articles through {@code /articles/{id}}, feeds and email.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final byte[] expectedDigest;

	private final JsonMapper json;

	ApiTokenFilter(PublisherProperties properties, JsonMapper json) {
		this.expectedDigest = sha256(properties.apiToken());
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// The path as the container decoded and normalized it, which is what requests are
		// mapped by: the raw URI would let /%61pi/articles past this check.
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		boolean api = path.equals("/api") || path.startsWith("/api/");
		boolean actuator = path.startsWith("/actuator") && !path.equals("/actuator/info")
				&& !path.equals("/actuator/health") && !path.startsWith("/actuator/health/");
		return !api && !actuator;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				&& matches(authorization.substring(BEARER.length()).strip())) {
			chain.doFilter(request, response);
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"Send the API token as Authorization: Bearer <token>.");
		problem.setTitle("Unauthorized");
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"publisher\"");
		ProblemResponses.write(response, problem, this.json);
	}

	/** Compares digests, which have one length whatever the token, in constant time. */
	private boolean matches(String token) {
		return MessageDigest.isEqual(this.expectedDigest, sha256(token));
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
