package org.syndication.notifier.web;

import org.syndication.web.StrictUtf8Filter;
import org.syndication.web.ServletProblemsConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(ServletProblemsConfiguration.class)
class WebConfiguration {

	@Bean
	StrictUtf8Filter strictUtf8Filter() {
		return new StrictUtf8Filter();
	}

}
