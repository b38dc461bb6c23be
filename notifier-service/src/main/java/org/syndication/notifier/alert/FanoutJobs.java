package org.syndication.notifier.alert;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.syndication.notifier.NotifierProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Queues the alerts of new publications as often as {@code notifier.fanout.interval}
 * says, on a scheduler thread of its own, so that a long fan-out and sending go on side
 * by side. Counts the alerts it queues ({@code notifier.alerts.queued}) and shows how
 * many publications' fan-outs are under way ({@code notifier.alerts.fanouts.pending}, all
 * instances together, refreshed at least once a second while they run).
 */
@Configuration(proxyBeanMethods = false)
class FanoutJobs implements SchedulingConfigurer {

	private static final long REFRESH_NANOS = Duration.ofSeconds(1).toNanos();

	private final AlertFanouts fanouts;

	private final NotifierProperties properties;

	private final Counter queued;

	private final AtomicLong pending = new AtomicLong();

	// Read and written by the fan-out's scheduler thread alone.
	private long pendingRefreshedAt;

	FanoutJobs(AlertFanouts fanouts, NotifierProperties properties, MeterRegistry registry) {
		this.fanouts = fanouts;
		this.properties = properties;
		this.queued = Counter.builder("notifier.alerts.queued")
			.description("Alerts queued by the fan-outs of this instance")
			.register(registry);
		Gauge.builder("notifier.alerts.fanouts.pending", this.pending, AtomicLong::get)
			.description("Publications whose alerts are still being queued")
			.register(registry);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::queueWhenPending, this.properties.fanout().interval());
	}

	private void queueWhenPending() {
		if (!this.fanouts.anyPending()) {
			this.pending.set(0);
			return;
		}
		refreshPending();
		this.fanouts.runAll((queued) -> {
			this.queued.increment(queued);
			if (System.nanoTime() - this.pendingRefreshedAt > REFRESH_NANOS) {
				refreshPending();
			}
		});
		refreshPending();
	}

	private void refreshPending() {
		this.pending.set(this.fanouts.pending());
		this.pendingRefreshedAt = System.nanoTime();
	}

}
