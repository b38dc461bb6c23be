package org.syndication.notifier.delivery;

import org.syndication.notifier.NotifierProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the {@link DeliveryDispatcher} as often as {@link NotifierProperties} says, and
 * only when a mail is due that no instance has claimed.
 */
@Configuration(proxyBeanMethods = false)
class DispatchJobs implements SchedulingConfigurer {

	private final DeliveryDispatcher dispatcher;

	private final NotifierProperties properties;

	DispatchJobs(DeliveryDispatcher dispatcher, NotifierProperties properties) {
		this.dispatcher = dispatcher;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::dispatchWhenDue, this.properties.dispatchInterval());
	}

	private void dispatchWhenDue() {
		if (this.dispatcher.anyDue()) {
			this.dispatcher.dispatch();
		}
	}

}
