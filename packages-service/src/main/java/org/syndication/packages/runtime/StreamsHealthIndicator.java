package org.syndication.packages.runtime;

import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the topology runs: up while it runs or rebalances (a rebalance is part of
 * running: instances joining and leaving, a package's stores restored), down before it
 * started (waiting for the articles topic) and once it stopped or failed. Registered as
 * the bean {@code packagesHealthIndicator}, so the health contributor is called
 * {@code packages}; readiness includes it.
 */
final class StreamsHealthIndicator extends AbstractHealthIndicator {

	private final PackagesStreams streams;

	StreamsHealthIndicator(PackagesStreams streams) {
		super("Packages topology health check failed");
		this.streams = streams;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		KafkaStreams.State state = this.streams.state().orElse(null);
		if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("state", (state != null) ? state.name()
				: this.streams.failure().map((failure) -> "FAILED: " + failure).orElse("WAITING_FOR_ARTICLES_TOPIC"));
	}

}
