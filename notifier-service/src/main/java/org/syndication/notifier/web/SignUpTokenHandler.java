package org.syndication.notifier.web;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Offers the CSRF token to the sign-up page alone. A form rendered with {@code th:action}
 * asks for the token, and asking for it sets its cookie: were it offered to the
 * unsubscribe and manage pages, they would set a cookie too. The token itself is masked
 * anew on every page (BREACH), as Spring Security does by default.
 */
final class SignUpTokenHandler implements CsrfTokenRequestHandler {

	private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

	private final RequestMatcher signUp;

	/**
	 * @param signUp the requests of the sign-up page
	 */
	SignUpTokenHandler(RequestMatcher signUp) {
		this.signUp = signUp;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
		if (this.signUp.matches(request)) {
			this.masked.handle(request, response, token);
		}
	}

	@Override
	public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
		return this.masked.resolveCsrfTokenValue(request, token);
	}

}
