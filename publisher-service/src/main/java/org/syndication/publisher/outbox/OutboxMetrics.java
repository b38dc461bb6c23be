package org.syndication.publisher.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The outbox's health in numbers: how many messages wait, how long the oldest has waited,
 * and how many were sent or failed.
 */
@Component
class OutboxMetrics {

	private final OutboxRepository repository;

	private final Clock clock;

	private final AtomicReference<OutboxRepository.Backlog> backlog = new AtomicReference<>(
			OutboxRepository.Backlog.EMPTY);

	private final Counter sent;

	private final Counter failures;

	OutboxMetrics(OutboxRepository repository, Clock clock, MeterRegistry registry) {
		this.repository = repository;
		this.clock = clock;
		Gauge.builder("outbox.backlog", this.backlog, (b) -> b.get().pending())
			.description("Messages in the outbox not yet confirmed by Kafka")
			.baseUnit("messages")
			.register(registry);
		Gauge.builder("outbox.backlog.age", this.backlog, (b) -> b.get().oldestAge().toMillis() / 1000.0)
			.description("How long the oldest unsent outbox message has waited")
			.baseUnit("seconds")
			.register(registry);
		this.sent = Counter.builder("outbox.sent")
			.description("Messages confirmed by Kafka")
			.baseUnit("messages")
			.register(registry);
		this.failures = Counter.builder("outbox.send.failures")
			.description("Relay rounds that stopped because Kafka did not confirm")
			.register(registry);
	}

	// Read on a timer rather than on every scrape, so that scrapes never query the
	// database.
	void refresh() {
		this.backlog.set(this.repository.backlog(Instant.now(this.clock)));
	}

	void sent(int count) {
		this.sent.increment(count);
	}

	void failed() {
		this.failures.increment();
	}

}
