package org.syndication.feed.web;

import org.syndication.web.security.ActuatorAccess;
import org.syndication.web.security.ConfiguredTokenIntrospector;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Feeds and the index are open to everybody; only the operational endpoints beyond health
 * and info need the management token.
 * <p>
 * A feed poll, the bulk of all requests, does not enter the chain at all: the feed
 * servlet answers only GET and HEAD of public bytes, with no identity to establish and
 * nothing to authorize, and the chain's dozen filters cost more than the poll itself (a
 * 304 was served at less than half the rate). Spring Security's firewall still sees every
 * poll: {@code FilterChainProxy} applies it before it picks a chain.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String FEED_SERVLET = "feeds";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ActuatorAccess actuator) throws Exception {
		http.securityMatcher((request) -> !FEED_SERVLET.equals(request.getHttpServletMapping().getServletName()));
		http.authorizeHttpRequests((requests) -> {
			actuator.authorize(requests);
			requests.anyRequest().permitAll();
		});
		return http.oauth2ResourceServer((server) -> server.opaqueToken(Customizer.withDefaults())).build();
	}

	/**
	 * Spring Security observes no request as a whole, secured or not: for a poll that
	 * passes no chain, the observation alone cost a tenth of the poll. Authentications
	 * and authorizations (the actuator's) are still observed; requests are timed by
	 * Spring MVC's own observation, which leaves out polls too
	 * ({@link WebConfiguration}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
	}

	@Bean
	OpaqueTokenIntrospector managementTokenIntrospector(ManagementSettings settings) {
		return ConfiguredTokenIntrospector.managementToken(settings.token(), "FEED_MANAGEMENT_TOKEN");
	}

}
