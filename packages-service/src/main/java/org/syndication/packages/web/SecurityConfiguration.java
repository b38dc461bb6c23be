package org.syndication.packages.web;

import org.syndication.web.security.ActuatorAccess;
import org.syndication.web.security.ConfiguredTokenIntrospector;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The service answers HTTP only for operations: health and info for everybody, every
 * other actuator endpoint with the management token, and nothing else.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ActuatorAccess actuator) throws Exception {
		http.authorizeHttpRequests((requests) -> {
			actuator.authorize(requests);
			requests.anyRequest().denyAll();
		});
		return http.oauth2ResourceServer((server) -> server.opaqueToken(Customizer.withDefaults())).build();
	}

	@Bean
	OpaqueTokenIntrospector managementTokenIntrospector(ManagementSettings settings) {
		return ConfiguredTokenIntrospector.managementToken(settings.token(), "PACKAGES_MANAGEMENT_TOKEN");
	}

}
