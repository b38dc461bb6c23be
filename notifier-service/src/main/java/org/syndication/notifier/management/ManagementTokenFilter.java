package org.syndication.notifier.management;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the actuator endpoints other than health and info (metrics, prometheus and
 * whatever else is exposed) with the management token. Without a configured token they
 * stay closed.
 */
class ManagementTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private static final byte[] UNAUTHORIZED = ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
			+ "\"detail\":\"Send the management token as Authorization: Bearer <token>.\"}")
		.getBytes(StandardCharsets.UTF_8);

	/** The token's digest; {@code null} when none is configured, so nothing matches. */
	private final byte[] expectedDigest;

	ManagementTokenFilter(ManagementSettings settings) {
		this.expectedDigest = settings.hasToken() ? sha256(settings.token()) : null;
	}

	/**
	 * Whether a path needs the token. It is the path as the container decoded and
	 * normalized it, which is what requests are mapped by: {@code /%61ctuator/metrics} is
	 * {@code /actuator/metrics}.
	 */
	static boolean isGuarded(String path) {
		boolean actuator = path.equals("/actuator") || path.startsWith("/actuator/");
		boolean open = path.equals("/actuator/info") || path.equals("/actuator/health")
				|| path.startsWith("/actuator/health/");
		return actuator && !open;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isGuarded(request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : ""));
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
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"notifier-service\"");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(UNAUTHORIZED.length);
		response.getOutputStream().write(UNAUTHORIZED);
	}

	/** Compares digests, which have one length whatever the token, in constant time. */
	private boolean matches(String token) {
		return this.expectedDigest != null && MessageDigest.isEqual(this.expectedDigest, sha256(token));
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
