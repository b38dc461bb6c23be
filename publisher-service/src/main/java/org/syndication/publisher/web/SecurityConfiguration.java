package org.syndication.publisher.web;

import org.syndication.publisher.editor.ApiKeyController;
import org.syndication.publisher.editor.EditorAuthentication;
import org.syndication.publisher.editor.Role;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain publisherSecurity(HttpSecurity http, EditorAuthentication editors) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health", "info"))
			.permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.hasRole(Role.ADMIN.name())
			.requestMatchers(ApiKeyController.PATH, ApiKeyController.PATH + "/**")
			.hasRole(Role.ADMIN.name())
			.requestMatchers("/api", "/api/**")
			.hasRole(Role.AUTHOR.name())
			.anyRequest()
			.permitAll())
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.authenticationManagerResolver((request) -> editors))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
