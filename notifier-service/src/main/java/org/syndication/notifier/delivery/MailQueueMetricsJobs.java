package org.syndication.notifier.delivery;

import org.syndication.notifier.NotifierProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Refreshes {@link MailQueueMetrics} as often as {@link NotifierProperties} says.
 */
@Configuration(proxyBeanMethods = false)
class MailQueueMetricsJobs implements SchedulingConfigurer {

	private final MailQueueMetrics metrics;

	private final NotifierProperties properties;

	MailQueueMetricsJobs(MailQueueMetrics metrics, NotifierProperties properties) {
		this.metrics = metrics;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this.metrics::refresh, this.properties.metricsInterval());
	}

}
