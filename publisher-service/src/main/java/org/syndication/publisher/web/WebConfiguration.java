package org.syndication.publisher.web;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.syndication.publisher.PublisherProperties;
import org.syndication.web.RequestSizeLimitFilter;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	RequestSizeLimitFilter requestSizeLimitFilter(PublisherProperties properties) {
		return new RequestSizeLimitFilter(properties.maxRequestSize());
	}

	/**
	 * Reads request bodies strictly: an unknown field, a number where text belongs, text
	 * where a boolean belongs or text or a fraction where a whole number belongs is an
	 * error the editor should see, not something silently dropped or converted.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictRequestBodies() {
		return (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
			// An image size of "800" or 12.5 is a mistake to report, not a number to
			// guess.
			.withCoercionConfig(LogicalType.Integer,
					(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	/**
	 * The API's description. Its server is the configured public base URL: taken from the
	 * request, it would be whatever Host or X-Forwarded-Host a client sends.
	 */
	@Bean
	OpenAPI publisherOpenApi(PublisherProperties properties) {
		return new OpenAPI().servers(List.of(new Server().url(properties.publicBaseUrl().toString())))
			.info(new Info().title("publisher-service")
				.version("1")
				.description("Create, edit, schedule and retract articles. Every change is published to the "
						+ "Kafka topic 'articles'."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
	}

}
