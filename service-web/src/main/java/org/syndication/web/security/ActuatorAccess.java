package org.syndication.web.security;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may use the actuator: health (with its groups and probes) and info are open to all;
 * every other endpoint, and any other path below the actuator's base path, exposed or
 * not, needs a credential with the role {@value #ROLE}.
 */
public final class ActuatorAccess {

	/** The role that opens the operational endpoints. */
	public static final String ROLE = "ADMIN";

	private final String basePath;

	ActuatorAccess(String basePath) {
		this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
	}

	/**
	 * Adds the actuator's rules to a chain's rules; more general rules go after them.
	 * @param requests the rules of the service's chain
	 */
	public void authorize(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		requests.requestMatchers(EndpointRequest.to("health", "info"))
			.permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.hasRole(ROLE)
			// Endpoints that are not exposed answer 401 too, not 404: no one learns
			// without the credential which ones exist.
			.requestMatchers(PathPatternRequestMatcher.pathPattern(this.basePath + "/**"))
			.hasRole(ROLE);
	}

}
