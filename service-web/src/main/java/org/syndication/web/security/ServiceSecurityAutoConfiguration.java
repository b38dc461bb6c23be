package org.syndication.web.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What every service's {@code SecurityFilterChain} shares, applied to the chain before
 * the service adds its own rules: stateless, no session and no cookie ever, no CSRF
 * tokens (a service turns them on for the forms that need them), bearer tokens, and
 * problems for every refusal: 400 from the firewall, 401 with a bearer challenge, 403
 * naming what is missing. Spring Security's default response headers stay; they never
 * replace a {@code Cache-Control} that the service set itself, nor add one to a 304.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, OpaqueTokenIntrospector.class })
public final class ServiceSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HttpFirewall httpFirewall() {
		return Firewall.strict();
	}

	@Bean
	@ConditionalOnMissingBean
	RequestRejectedHandler requestRejectedHandler() {
		return new ProblemRequestRejectedHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	AuthenticationEntryPoint problemAuthenticationEntryPoint(Environment environment) {
		return new ProblemAuthenticationEntryPoint(environment.getProperty("spring.application.name", "service"));
	}

	@Bean
	@ConditionalOnMissingBean
	AccessDeniedHandler problemAccessDeniedHandler(ObjectProvider<AccessDeniedDetail> detail) {
		return new ProblemAccessDeniedHandler(detail.getIfAvailable(AccessDeniedDetail::neededAuthorities));
	}

	@Bean
	FilterRegistrationBean<UnmappablePathFilter> unmappablePathFilter() {
		FilterRegistrationBean<UnmappablePathFilter> registration = new FilterRegistrationBean<>(
				new UnmappablePathFilter());
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

	/**
	 * Applied by Spring Security to every {@link HttpSecurity} before the service's own
	 * configuration, so a chain can still change any of it (the notifier turns CSRF
	 * protection on for its sign-up form, with the token in a cookie of its own).
	 */
	@Bean
	Customizer<HttpSecurity> statelessBearerProblems(AuthenticationEntryPoint entryPoint,
			AccessDeniedHandler accessDenied) {
		return (http) -> http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.oauth2ResourceServer(
					(server) -> server.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints")
	static class Actuator {

		@Bean
		ActuatorAccess actuatorAccess(Environment environment) {
			return new ActuatorAccess(environment.getProperty("management.endpoints.web.base-path", "/actuator"));
		}

	}

}
