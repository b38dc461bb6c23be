package org.syndication.notifier.web;

import java.util.LinkedHashMap;

import org.syndication.web.security.ActuatorAccess;
import org.syndication.web.security.ConfiguredTokenIntrospector;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.DelegatingAccessDeniedHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The subscription API and the pages behind the links in mails are open to everybody (the
 * links carry their own signed tokens); digest runs, the administration API and the
 * operational endpoints beyond health and info need the management token.
 * <p>
 * The sign-up form alone carries a CSRF token: it is the one form that a page anywhere on
 * the web could otherwise post in a visitor's name. The token travels in a cookie limited
 * to the form's path, not in a session, so the service stays stateless; nothing else gets
 * a token or a cookie. The forms behind the links in mails need none: their signed link
 * is what a forger lacks, and one-click unsubscribing (RFC 8058) comes from mail clients,
 * which send no cookie.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * The HTML forms behind the links in mails. They are open like every page, and need
	 * no CSRF token (see above).
	 */
	static final String[] FORMS = { "/subscriptions/unsubscribe", "/subscriptions/manage" };

	/** The sign-up form, the only one protected against CSRF. */
	static final String SIGN_UP = "/subscribe";

	/** The page that a sign-up without a valid CSRF token is forwarded to. */
	static final String SIGN_UP_REFUSED = "/subscribe/refused";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ActuatorAccess actuator,
			AccessDeniedHandler accessDenied) throws Exception {
		http.authorizeHttpRequests((requests) -> {
			actuator.authorize(requests);
			requests.requestMatchers("/api/digests/**", "/api/admin/**")
				.hasRole(ActuatorAccess.ROLE)
				.requestMatchers(FORMS)
				.permitAll()
				.anyRequest()
				.permitAll();
		});
		http.csrf((csrf) -> csrf
			.requireCsrfProtectionMatcher(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, SIGN_UP))
			.csrfTokenRepository(signUpTokens())
			.csrfTokenRequestHandler(new SignUpTokenHandler(PathPatternRequestMatcher.pathPattern(SIGN_UP))));
		http.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(signUpRefused(accessDenied)));
		return http.oauth2ResourceServer((server) -> server.opaqueToken(Customizer.withDefaults())).build();
	}

	@Bean
	OpaqueTokenIntrospector managementTokenIntrospector(ManagementSettings settings) {
		return ConfiguredTokenIntrospector.managementToken(settings.token(), "NOTIFIER_MANAGEMENT_TOKEN");
	}

	/**
	 * The double-submit cookie: HTTP only (no script needs it), sent back to the sign-up
	 * form only, and never on a request from another site.
	 */
	private static CookieCsrfTokenRepository signUpTokens() {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookiePath(SIGN_UP);
		tokens.setCookieCustomizer((cookie) -> cookie.sameSite("Strict"));
		return tokens;
	}

	/**
	 * A sign-up refused for its CSRF token gets a page that a person can act on; every
	 * other refusal stays the problem that all services answer.
	 */
	private static AccessDeniedHandler signUpRefused(AccessDeniedHandler problems) {
		AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
		page.setErrorPage(SIGN_UP_REFUSED);
		LinkedHashMap<Class<? extends AccessDeniedException>, AccessDeniedHandler> handlers = new LinkedHashMap<>();
		handlers.put(CsrfException.class, page);
		return new DelegatingAccessDeniedHandler(handlers, problems);
	}

}
