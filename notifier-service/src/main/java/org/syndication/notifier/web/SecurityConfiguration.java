package org.syndication.notifier.web;

import org.syndication.web.security.ActuatorAccess;
import org.syndication.web.security.ConfiguredTokenIntrospector;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The subscription API and the pages behind the links in mails are open to everybody (the
 * links carry their own signed tokens); digest runs and the operational endpoints beyond
 * health and info need the management token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * The HTML forms that browsers post. They are open like every page; CSRF protection
	 * for them, when it comes, is to be set on these paths.
	 */
	static final String[] FORMS = { "/subscriptions/unsubscribe", "/subscriptions/manage" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ActuatorAccess actuator) throws Exception {
		http.authorizeHttpRequests((requests) -> {
			actuator.authorize(requests);
			requests.requestMatchers("/api/digests/**")
				.hasRole(ActuatorAccess.ROLE)
				.requestMatchers(FORMS)
				.permitAll()
				.anyRequest()
				.permitAll();
		});
		return http.oauth2ResourceServer((server) -> server.opaqueToken(Customizer.withDefaults())).build();
	}

	@Bean
	OpaqueTokenIntrospector managementTokenIntrospector(ManagementSettings settings) {
		return ConfiguredTokenIntrospector.managementToken(settings.token(), "NOTIFIER_MANAGEMENT_TOKEN");
	}

}
