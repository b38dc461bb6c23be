package org.syndication.publisher.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * Reads request bodies strictly: an unknown field or a number where text belongs is
	 * an error the editor should see, not something silently dropped or converted.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictRequestBodies() {
		return (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
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

	@Bean
	OpenAPI publisherOpenApi() {
		return new OpenAPI()
			.info(new Info().title("publisher-service")
				.version("1")
				.description("Create, edit, schedule and retract articles. Every change is published to the "
						+ "Kafka topic 'articles'."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
	}

}
