package org.syndication.feed.web;

import java.time.Clock;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.documents.FeedArchives;
import org.syndication.feed.documents.FeedCache;
import org.syndication.feed.documents.HubAddress;
import org.syndication.feed.websub.HubSettings;

import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * The hub the feeds advertise: this service's own, unless {@code feed.websub.enabled}
	 * is false.
	 */
	@Bean
	HubAddress hubAddress(HubSettings hub, FeedProperties properties) {
		return new HubAddress(hub.enabled() ? hub.url(properties) : null);
	}

	@Bean
	ServletRegistrationBean<FeedServlet> feedServlet(FeedCache cache, FeedArchives archives, FeedProperties properties,
			HubAddress hub, Clock clock) {
		ServletRegistrationBean<FeedServlet> registration = new ServletRegistrationBean<>(
				new FeedServlet(cache, archives, properties, hub, clock), "/feeds/*");
		registration.setName(SecurityConfiguration.FEED_SERVLET);
		registration.setLoadOnStartup(1);
		return registration;
	}

	/**
	 * Spring MVC's request observation ({@code http.server.requests}, and a span each
	 * when tracing is on) for the requests that reach the DispatcherServlet: the index,
	 * the hub, the actuator, errors. Feed polls, the bulk of all requests, do not pass it
	 * at all unless {@code feed.observe-polls} says so: timing a poll costs about as much
	 * as a part of the poll itself, and a predicate that turns the observation off still
	 * pays for building it. Replaces Spring Boot's registration, which maps the filter to
	 * every path.
	 */
	@Bean
	FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(ObservationRegistry registry,
			ObservationProperties properties, DispatcherServletRegistrationBean dispatcherServlet,
			ServletRegistrationBean<FeedServlet> feedServlet, FeedProperties feed) {
		String name = properties.getHttp().getServer().getRequests().getName();
		FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
				new ServerHttpObservationFilter(registry, new DefaultServerRequestObservationConvention(name)),
				feed.observePolls() ? new ServletRegistrationBean<?>[] { dispatcherServlet, feedServlet }
						: new ServletRegistrationBean<?>[] { dispatcherServlet });
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		return registration;
	}

}
