package org.syndication.feed.web;

import org.syndication.web.security.ActuatorAccess;
import org.syndication.web.security.ConfiguredTokenIntrospector;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Feeds and the index are open to everybody; only the operational endpoints beyond health
 * and info need the management token. A feed poll passes the chain without a session or a
 * security context to store: service-web makes every chain stateless.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ActuatorAccess actuator) throws Exception {
		http.authorizeHttpRequests((requests) -> {
			actuator.authorize(requests);
			requests.anyRequest().permitAll();
		});
		return http.oauth2ResourceServer((server) -> server.opaqueToken(Customizer.withDefaults())).build();
	}

	@Bean
	OpaqueTokenIntrospector managementTokenIntrospector(ManagementSettings settings) {
		return ConfiguredTokenIntrospector.managementToken(settings.token(), "FEED_MANAGEMENT_TOKEN");
	}

}
