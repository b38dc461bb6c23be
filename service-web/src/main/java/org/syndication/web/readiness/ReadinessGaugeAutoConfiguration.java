package org.syndication.web.readiness;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The {@code service.ready} gauge ({@link ReadinessGauge}) for a service with the
 * actuator's health endpoint; the service's meter registries pick it up as they pick up
 * any {@link MeterBinder}.
 */
@AutoConfiguration(after = HealthEndpointAutoConfiguration.class)
@ConditionalOnClass({ HealthEndpoint.class, MeterBinder.class })
@ConditionalOnBean(HealthEndpoint.class)
@EnableConfigurationProperties(ReadinessGaugeSettings.class)
public final class ReadinessGaugeAutoConfiguration {

	@Bean
	ReadinessGauge readinessGauge(HealthEndpoint health, ReadinessGaugeSettings settings) {
		return new ReadinessGauge(health, settings.interval());
	}

}
