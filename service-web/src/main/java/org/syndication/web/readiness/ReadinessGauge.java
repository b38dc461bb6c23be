package org.syndication.web.readiness;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * The service's readiness as a gauge, {@code service.ready}: 1 while the
 * {@code readiness} health group is UP, 0 otherwise, so that an alert can say how long a
 * service has not been ready. The group is evaluated every interval on a thread of its
 * own, never by a scrape: its checks reach the database and the brokers, and a scrape
 * must neither wait for them nor repeat them; a check that hangs holds up this thread
 * alone, not the scheduler the service's own jobs run on.
 */
final class ReadinessGauge implements MeterBinder, SmartLifecycle {

	static final String GROUP = "readiness";

	private static final Logger logger = LoggerFactory.getLogger(ReadinessGauge.class);

	private final HealthEndpoint health;

	private final Duration interval;

	// Not ready until the group has been seen UP.
	private volatile double ready;

	private volatile ScheduledExecutorService timer;

	ReadinessGauge(HealthEndpoint health, Duration interval) {
		this.health = health;
		this.interval = interval;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("service.ready", this, (gauge) -> gauge.ready)
			.description("Whether the service is ready: 1 while its readiness health group is UP, else 0")
			.register(registry);
	}

	void refresh() {
		try {
			HealthDescriptor readiness = this.health.healthForPath(GROUP);
			this.ready = (readiness != null && Status.UP.equals(readiness.getStatus())) ? 1 : 0;
		}
		catch (RuntimeException ex) {
			// A failure that escaped the health checks themselves: not ready, and the
			// timer goes on (an exception would stop it for good).
			logger.warn("Could not evaluate the {} health group", GROUP, ex);
			this.ready = 0;
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "readiness-gauge");
			thread.setDaemon(true);
			return thread;
		});
		started.scheduleWithFixedDelay(this::refresh, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.timer = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.timer;
		this.timer = null;
		if (running != null) {
			running.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

}
