package org.syndication.notifier.digest;

import org.syndication.notifier.NotifierProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Looks for digests due as often as {@code notifier.digest.check-interval} says, and runs
 * them when there are any; at start-up too, so that a notifier that was down at the
 * digest hour sends what it missed.
 */
@Configuration(proxyBeanMethods = false)
class DigestJobs implements SchedulingConfigurer {

	private final DigestRuns runs;

	private final NotifierProperties properties;

	DigestJobs(DigestRuns runs, NotifierProperties properties) {
		this.runs = runs;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::runWhenDue, this.properties.digest().checkInterval());
	}

	private void runWhenDue() {
		if (this.runs.anyDue()) {
			this.runs.runDue();
		}
	}

}
