package org.syndication.publisher.editor;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class EditorConfiguration implements WebMvcConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(EditorConfiguration.class);

	@Bean
	EditorAuthentication editorAuthentication(ApiKeys keys, ObjectProvider<JwtDecoder> jwtDecoder,
			SecuritySettings settings) {
		EditorAuthentication authentication = new EditorAuthentication(keys, jwtDecoder.getIfAvailable(), settings);
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

	/** Controllers take the {@link Editor} who sends the request as an argument. */
	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == Editor.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
					NativeWebRequest request, WebDataBinderFactory binders) {
				Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
				if (authentication == null || !authentication.isAuthenticated()) {
					throw new AuthenticationCredentialsNotFoundException("No editor signed in");
				}
				return Editor.of(authentication);
			}

		});
	}

}
