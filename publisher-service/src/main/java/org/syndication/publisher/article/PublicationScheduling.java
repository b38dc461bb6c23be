package org.syndication.publisher.article;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs {@link ScheduledPublications} as often as {@link PublicationSchedule} says, on its
 * bean, so that its scheduler lock applies.
 */
@Component
class PublicationScheduling implements SchedulingConfigurer {

	private final ScheduledPublications publications;

	private final PublicationSchedule schedule;

	PublicationScheduling(ScheduledPublications publications, PublicationSchedule schedule) {
		this.publications = publications;
		this.schedule = schedule;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::publishWhenDue, this.schedule.pollInterval());
	}

	private void publishWhenDue() {
		if (this.publications.anyDue()) {
			this.publications.publishDue();
		}
	}

}
