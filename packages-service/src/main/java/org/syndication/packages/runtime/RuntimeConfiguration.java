package org.syndication.packages.runtime;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RuntimeConfiguration {

	@Bean
	PackagesStreams packagesStreams(KafkaProperties kafka, PackagesSettings settings, MeterRegistry meterRegistry) {
		return new PackagesStreams(kafka.buildAdminProperties(), kafka.buildStreamsProperties(), settings,
				meterRegistry);
	}

	@Bean
	StreamsHealthIndicator packagesHealthIndicator(PackagesStreams streams) {
		return new StreamsHealthIndicator(streams);
	}

}
