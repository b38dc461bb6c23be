package org.syndication.notifier.alert;

import org.syndication.notifier.NotifierProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Queues the alerts of new publications as often as {@code notifier.fanout.interval}
 * says, on a scheduler thread of its own, so that a long fan-out and sending go on side
 * by side.
 */
@Configuration(proxyBeanMethods = false)
class FanoutSchedule implements SchedulingConfigurer {

	private final AlertFanouts fanouts;

	private final NotifierProperties properties;

	FanoutSchedule(AlertFanouts fanouts, NotifierProperties properties) {
		this.fanouts = fanouts;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::queueWhenPending, this.properties.fanout().interval());
	}

	private void queueWhenPending() {
		if (this.fanouts.anyPending()) {
			this.fanouts.runAll();
		}
	}

}
