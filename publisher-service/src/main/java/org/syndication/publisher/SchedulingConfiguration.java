package org.syndication.publisher;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
