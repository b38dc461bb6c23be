package org.syndication.web.readiness;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the {@code service.ready} gauge is kept.
 *
 * @param interval how often the readiness health group is evaluated for it
 */
@ConfigurationProperties("service.readiness-gauge")
record ReadinessGaugeSettings(@DefaultValue("10s") Duration interval) {

	ReadinessGaugeSettings {
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("The readiness gauge's interval must be positive");
		}
	}

}
