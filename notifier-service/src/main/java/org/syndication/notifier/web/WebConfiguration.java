package org.syndication.notifier.web;

import org.syndication.notifier.NotifierProperties;
import org.syndication.web.RequestSizeLimitFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * The subscription API is open to anybody: without a limit one large body would be
	 * read whole into memory.
	 */
	@Bean
	RequestSizeLimitFilter requestSizeLimitFilter(NotifierProperties properties) {
		return new RequestSizeLimitFilter(properties.maxRequestSize());
	}

}
