package org.syndication.publisher.article;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often the publisher looks for scheduled articles whose time has come.
 *
 * @param pollInterval the pause between two looks
 * @param metricsInterval how often the metrics of overdue scheduled articles are read
 * from the database
 */
@ConfigurationProperties("publisher.scheduling")
@Validated
record PublicationJobSettings(@NotNull @DefaultValue("1s") Duration pollInterval,
		@NotNull @DefaultValue("10s") Duration metricsInterval) {

}
