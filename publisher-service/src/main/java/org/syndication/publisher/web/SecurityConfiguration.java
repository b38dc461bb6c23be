package org.syndication.publisher.web;

import org.syndication.publisher.PublisherProperties;
import org.syndication.web.security.ActuatorAccess;
import org.syndication.web.security.ConfiguredTokenIntrospector;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what. All of {@code /api} needs a bearer token, reads too, since they show
 * drafts and scheduled articles; readers see published articles through
 * {@code /articles/{id}}, feeds and email. The operational endpoints need the role admin.
 * Everything else (the reader's pages, the OpenAPI document) is open. Stateless, with
 * problems for every refusal: service-web sets that up before this chain's own rules.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ActuatorAccess actuator) throws Exception {
		return http.authorizeHttpRequests((requests) -> {
			actuator.authorize(requests);
			requests.requestMatchers("/api", "/api/**").authenticated().anyRequest().permitAll();
		}).oauth2ResourceServer((server) -> server.opaqueToken(Customizer.withDefaults())).build();
	}

	/**
	 * The one API token ({@code PUBLISHER_API_TOKEN}), an administrator. The chain takes
	 * whatever bean of this type there is: another one (named keys, roles) replaces it.
	 */
	@Bean
	OpaqueTokenIntrospector apiTokenIntrospector(PublisherProperties properties) {
		return new ConfiguredTokenIntrospector(properties.apiToken(), "api-token", "ROLE_ADMIN");
	}

}
