package org.syndication.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.syndication.web.database.ScheduledWorkErrors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What every service does with the requests it refuses: Tomcat's error page, Spring
 * Boot's error page, Spring MVC's errors and unknown actuator paths all answer with
 * {@code application/problem+json}; JSON bodies must be well-formed UTF-8. It comes
 * before Spring Boot's own error controller and exception handler, which then stand back.
 */
@AutoConfiguration(before = { ErrorMvcAutoConfiguration.class, WebMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(RequestBodySettings.class)
public final class ServiceWebAutoConfiguration {

	/** Before Spring Security's filter chain (-100), which needs none of them. */
	private static final int STRICT_UTF8_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	/**
	 * After the filters that check bodies, so that what it reads of a form is checked.
	 */
	private static final int REQUEST_BODY_GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	private static final int ACTUATOR_NOT_FOUND_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ErrorProblemController errorProblemController() {
		return new ErrorProblemController();
	}

	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ProblemHandler problemHandler() {
		return new ProblemHandler();
	}

	@Bean
	FilterRegistrationBean<StrictUtf8Filter> strictUtf8Filter() {
		FilterRegistrationBean<StrictUtf8Filter> registration = new FilterRegistrationBean<>(new StrictUtf8Filter());
		registration.setOrder(STRICT_UTF8_ORDER);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestBodyGuard> requestBodyGuard(RequestBodySettings settings) {
		FilterRegistrationBean<RequestBodyGuard> registration = new FilterRegistrationBean<>(
				new RequestBodyGuard(settings));
		registration.setOrder(REQUEST_BODY_GUARD_ORDER);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tomcat.class)
	static class TomcatProblems {

		/**
		 * Requests Tomcat refuses itself (a malformed request line, invalid encoding, an
		 * over-long URI) get a problem too, not Tomcat's HTML page. This customizer runs
		 * after Spring Boot's, whose plain error valve it replaces.
		 * @return the customizer
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
				context.getPipeline().addValve(new UnreadBodyValve());
				if (host instanceof StandardHost standardHost) {
					// Otherwise the host adds its default valve again when it starts.
					standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
				}
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.dao.DataAccessException",
			"org.springframework.transaction.CannotCreateTransactionException" })
	static class DatabaseProblems {

		@Bean
		DatabaseUnavailableProblems databaseUnavailableProblems() {
			return new DatabaseUnavailableProblems();
		}

		@Bean
		ThreadPoolTaskSchedulerCustomizer scheduledWorkErrors() {
			return (scheduler) -> scheduler.setErrorHandler(new ScheduledWorkErrors());
		}

		@Bean
		SimpleAsyncTaskSchedulerCustomizer simpleScheduledWorkErrors() {
			return (scheduler) -> scheduler.setErrorHandler(new ScheduledWorkErrors());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
	static class ActuatorProblems {

		@Bean
		FilterRegistrationBean<ActuatorNotFoundFilter> actuatorNotFoundFilter() {
			FilterRegistrationBean<ActuatorNotFoundFilter> registration = new FilterRegistrationBean<>(
					new ActuatorNotFoundFilter());
			registration.setOrder(ACTUATOR_NOT_FOUND_ORDER);
			return registration;
		}

	}

}
