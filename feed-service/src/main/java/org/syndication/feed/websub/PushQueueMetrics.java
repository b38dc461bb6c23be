package org.syndication.feed.websub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The hub's lag in numbers: how many pushes are owed and due now, and how long the one
 * due first has been due. Read from the database every
 * {@code feed.websub.metrics-interval} rather than on every scrape, so that scrapes never
 * query it.
 */
class PushQueueMetrics implements SchedulingConfigurer {

	private final PushQueue queue;

	private final Duration interval;

	private final Clock clock;

	private final AtomicReference<PushQueue.Due> due = new AtomicReference<>(PushQueue.Due.NONE);

	PushQueueMetrics(PushQueue queue, Duration interval, Clock clock, MeterRegistry meters) {
		this.queue = queue;
		this.interval = interval;
		this.clock = clock;
		Gauge.builder("feed.websub.queue", this.due, (d) -> d.get().pushes())
			.description("WebSub pushes owed to subscribers and due now")
			.baseUnit("pushes")
			.register(meters);
		Gauge.builder("feed.websub.queue.age", this.due, (d) -> d.get().longest().toMillis() / 1000.0)
			.description("How long the push due first has been due; 0 when none is")
			.baseUnit("seconds")
			.register(meters);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::refresh, this.interval);
	}

	void refresh() {
		this.due.set(this.queue.due(Instant.now(this.clock)));
	}

}
