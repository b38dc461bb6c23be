package org.syndication.feed.web;

import io.micrometer.observation.ObservationPredicate;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.syndication.feed.FeedProperties;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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

	/**
	 * Tomcat answers some requests itself, before any servlet sees them: those get a
	 * problem too, not Tomcat's HTML page. This customizer runs after Spring Boot's,
	 * whose plain error valve it replaces.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemsFromTomcat() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ProblemReportValve());
			if (host instanceof StandardHost standardHost) {
				// Otherwise the host adds its default valve again when it starts.
				standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
			}
		});
	}

}
