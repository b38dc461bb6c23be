package org.syndication.notifier.management;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ManagementConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ManagementConfiguration.class);

	/**
	 * Only actuator requests pass through the filter. Tomcat matches the pattern against
	 * the decoded, normalized path.
	 */
	@Bean
	FilterRegistrationBean<ManagementTokenFilter> managementTokenFilter(ManagementSettings settings) {
		if (!settings.hasToken()) {
			logger
				.warn("No management token (NOTIFIER_MANAGEMENT_TOKEN): actuator endpoints other than health and info "
						+ "answer 401");
		}
		FilterRegistrationBean<ManagementTokenFilter> registration = new FilterRegistrationBean<>(
				new ManagementTokenFilter(settings));
		registration.addUrlPatterns("/actuator", "/actuator/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
