package org.syndication.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.syndication.web.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Asks for a bearer token (RFC 6750) with an RFC 9457 problem: {@code 401} and
 * {@code WWW-Authenticate: Bearer realm="<service>"}, plus {@code error="invalid_token"}
 * when a token was sent and refused, as Spring Security's
 * {@code BearerTokenAuthenticationEntryPoint} says it. Unlike that one it points to no
 * resource metadata document, which these services do not publish, and it repeats nothing
 * of the request.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final String realm;

	ProblemAuthenticationEntryPoint(String realm) {
		this.realm = realm;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		HttpStatus status = HttpStatus.UNAUTHORIZED;
		StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(this.realm).append('"');
		ProblemDetail problem;
		if (authException instanceof OAuth2AuthenticationException refused) {
			if (refused.getError() instanceof BearerTokenError bearer) {
				status = bearer.getHttpStatus();
			}
			challenge.append(", error=\"").append(refused.getError().getErrorCode()).append('"');
			problem = Problems.forStatus(status.value());
			problem.setDetail((status == HttpStatus.UNAUTHORIZED)
					? "The bearer token was refused; send a valid one as Authorization: Bearer <token>."
					: "The bearer token could not be read; send one, as Authorization: Bearer <token>.");
		}
		else {
			problem = Problems.forStatus(status.value());
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge.toString());
		Problems.write(response, problem);
	}

}
