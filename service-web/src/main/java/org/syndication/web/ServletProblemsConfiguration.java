package org.syndication.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every service does with requests it refuses before its own code sees them:
 * Tomcat's error page, dot segments in paths and unknown actuator paths all answer with
 * {@code application/problem+json}. A service imports it into its web configuration.
 */
@Configuration(proxyBeanMethods = false)
public class ServletProblemsConfiguration {

	/**
	 * Requests Tomcat refuses itself (a malformed request line, invalid encoding, an
	 * over-long URI) get a problem too, not Tomcat's HTML page. This customizer runs
	 * after Spring Boot's, whose plain error valve it replaces.
	 * @return the customizer
	 */
	@Bean
	public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemsFromTomcat() {
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

	@Bean
	public DotSegmentFilter dotSegmentFilter() {
		return new DotSegmentFilter();
	}

	@Bean
	public ActuatorNotFoundFilter actuatorNotFoundFilter() {
		return new ActuatorNotFoundFilter();
	}

}
