package org.syndication.publisher.editor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.publisher.PublisherProperties;
import org.syndication.web.security.ConfiguredTokenIntrospector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.oauth2.jwt.JwtDecoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class EditorConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EditorConfiguration.class);

	@Bean
	EditorAuthentication editorAuthentication(PublisherProperties properties, ApiKeys keys,
			ObjectProvider<JwtDecoder> jwtDecoder, SecuritySettings settings) {
		ConfiguredTokenIntrospector configuredKey = new ConfiguredTokenIntrospector(properties.apiToken(),
				ApiKeys.CONFIGURED_NAME, Role.ADMIN.authority());
		EditorAuthentication authentication = new EditorAuthentication(configuredKey, keys, jwtDecoder.getIfAvailable(),
				settings);
		logger.info(
				authentication.acceptsJwts()
						? "Editors sign in with named API keys or tokens of the identity provider (role claim '{}')"
						: "Editors sign in with named API keys; no identity provider is configured",
				settings.jwt().roleClaim());
		return authentication;
	}

	/** An admin may do all an editor may, an editor all an author may. */
	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(Role.ADMIN.name())
			.implies(Role.EDITOR.name())
			.role(Role.EDITOR.name())
			.implies(Role.AUTHOR.name())
			.build();
	}

}
