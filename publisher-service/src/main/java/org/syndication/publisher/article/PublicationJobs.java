package org.syndication.publisher.article;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs {@link ScheduledPublications} as often as {@link PublicationJobSettings} says, on
 * its bean, so that its scheduler lock applies, and refreshes
 * {@link OverduePublications}.
 */
@Component
class PublicationJobs implements SchedulingConfigurer {

	private final ScheduledPublications publications;

	private final OverduePublications overdue;

	private final PublicationJobSettings schedule;

	PublicationJobs(ScheduledPublications publications, OverduePublications overdue, PublicationJobSettings schedule) {
		this.publications = publications;
		this.overdue = overdue;
		this.schedule = schedule;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::publishWhenDue, this.schedule.pollInterval());
		tasks.addFixedDelayTask(this.overdue::refresh, this.schedule.metricsInterval());
	}

	private void publishWhenDue() {
		if (this.publications.anyDue()) {
			this.publications.publishDue();
		}
	}

}
