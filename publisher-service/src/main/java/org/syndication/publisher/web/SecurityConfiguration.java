package org.syndication.publisher.web;

import org.syndication.publisher.editor.ApiKeyController;
import org.syndication.publisher.editor.EditorAuthentication;
import org.syndication.publisher.editor.Role;
import org.syndication.web.security.ActuatorAccess;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what. All of {@code /api} needs an editor with a role, reads too, since they
 * show drafts and scheduled articles; readers see published articles through
 * {@code /articles/{id}}, feeds and email. Managing API keys and the operational
 * endpoints need the role admin; what each role may do to an article is the article
 * service's to decide. Everything else (the reader's pages, the OpenAPI document) is
 * open. Stateless, with problems for every refusal: service-web sets that up before this
 * chain's own rules.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ActuatorAccess actuator, EditorAuthentication editors)
			throws Exception {
		return http.authorizeHttpRequests((requests) -> {
			actuator.authorize(requests);
			requests.requestMatchers(ApiKeyController.PATH, ApiKeyController.PATH + "/**")
				.hasRole(Role.ADMIN.name())
				.requestMatchers("/api", "/api/**")
				.hasRole(Role.AUTHOR.name())
				.anyRequest()
				.permitAll();
		}).oauth2ResourceServer((server) -> server.authenticationManagerResolver((request) -> editors)).build();
	}

}
