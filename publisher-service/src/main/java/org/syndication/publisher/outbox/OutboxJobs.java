package org.syndication.publisher.outbox;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.TransactionException;

/**
 * When the outbox's jobs run, as {@link OutboxProperties} says. The jobs are called on
 * their beans, so that their scheduler locks apply.
 */
@Configuration(proxyBeanMethods = false)
class OutboxJobs implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(OutboxJobs.class);

	private final OutboxRelay relay;

	private final OutboxCleanup cleanup;

	private final OutboxMetrics metrics;

	private final OutboxProperties properties;

	private boolean databaseAway;

	OutboxJobs(OutboxRelay relay, OutboxCleanup cleanup, OutboxMetrics metrics, OutboxProperties properties) {
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

	/**
	 * Runs the relay when there is work. While the database does not answer, each poll
	 * fails at once; that is said once when it starts and once when it ends, not ten
	 * times a second, and the relay goes on by itself when the database is back.
	 */
	private void relayWhenThereIsWork() {
		try {
			if (this.relay.hasWork()) {
				this.relay.relay();
			}
			if (this.databaseAway) {
				this.databaseAway = false;
				logger.info("The outbox relay reaches the database again");
			}
		}
		catch (DataAccessException | TransactionException ex) {
			if (!this.databaseAway) {
				this.databaseAway = true;
				logger.warn("The outbox relay waits for the database: {}", ex.getMessage());
			}
		}
	}

}
