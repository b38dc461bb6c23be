package org.syndication.feed.web;

import io.micrometer.observation.ObservationPredicate;
import org.syndication.feed.FeedProperties;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	ServletRegistrationBean<FeedServlet> feedServlet(FeedCache cache, FeedProperties properties) {
		ServletRegistrationBean<FeedServlet> registration = new ServletRegistrationBean<>(
				new FeedServlet(cache, properties), "/feeds/*");
		registration.setName("feeds");
		registration.setLoadOnStartup(1);
		return registration;
	}

	/**
	 * Feed polls are not timed one by one: they are the bulk of all requests and cost
	 * little more than the timing itself. Everything else still is.
	 */
	@Bean
	ObservationPredicate feedPollsAreNotObserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& request.getCarrier().getRequestURI().startsWith("/feeds/"));
	}

}
