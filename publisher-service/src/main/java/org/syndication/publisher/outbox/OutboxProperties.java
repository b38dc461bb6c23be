package org.syndication.publisher.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay runs.
 *
 * @param pollInterval pause between two looks at the outbox when it is drained
 * @param batchSize messages read from the outbox at a time; the relay keeps at most two
 * batches waiting for Kafka's confirmations
 * @param sendTimeout how long Kafka may leave the oldest send unanswered before the relay
 * counts a failure and stops reading the outbox until every send is answered
 * @param retention how long sent messages are kept for inspection before they are deleted
 * @param cleanupInterval how often sent messages older than the retention are deleted
 * @param metricsInterval how often the backlog metrics are read from the database
 * @param maxRetryInterval the longest pause between two attempts while Kafka fails: the
 * pause starts at the poll interval and doubles
 */
@ConfigurationProperties("publisher.outbox")
@Validated
record OutboxProperties(@NotNull @DefaultValue("100ms") Duration pollInterval,
		@Min(1) @Max(10_000) @DefaultValue("500") int batchSize, @NotNull @DefaultValue("15s") Duration sendTimeout,
		@NotNull @DefaultValue("7d") Duration retention, @NotNull @DefaultValue("5s") Duration maxRetryInterval,
		@NotNull @DefaultValue("1h") Duration cleanupInterval, @NotNull @DefaultValue("5s") Duration metricsInterval) {

}
