package org.syndication.publisher.outbox;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * When the outbox's jobs run, as {@link OutboxProperties} says. The jobs are called on
 * their beans, so that their scheduler locks apply.
 */
@Configuration(proxyBeanMethods = false)
class OutboxSchedule implements SchedulingConfigurer {

	private final OutboxRelay relay;

	private final OutboxCleanup cleanup;

	private final OutboxMetrics metrics;

	private final OutboxProperties properties;

	OutboxSchedule(OutboxRelay relay, OutboxCleanup cleanup, OutboxMetrics metrics, OutboxProperties properties) {
		this.relay = relay;
		this.cleanup = cleanup;
		this.metrics = metrics;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::relayWhenThereIsWork, this.properties.pollInterval());
		tasks.addFixedDelayTask(new FixedDelayTask(this.cleanup::deleteExpired, this.properties.cleanupInterval(),
				Duration.ofMinutes(1)));
		tasks.addFixedDelayTask(this.metrics::refresh, this.properties.metricsInterval());
	}

	private void relayWhenThereIsWork() {
		if (this.relay.hasWork()) {
			this.relay.relay();
		}
	}

}
