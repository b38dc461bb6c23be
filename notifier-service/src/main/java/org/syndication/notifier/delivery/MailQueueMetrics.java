package org.syndication.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The mail queue's lag in numbers, by kind of mail: how many mails are due and not sent
 * yet, and how long the one queued first has waited since it was queued. Every kind has
 * its gauges from the start, at 0 while none of it is due.
 */
@Component
class MailQueueMetrics {

	private final DeliveryRepository repository;

	private final Clock clock;

	private volatile Map<MailKind, DeliveryRepository.Waiting> due = Map.of();

	MailQueueMetrics(DeliveryRepository repository, Clock clock, MeterRegistry registry) {
		this.repository = repository;
		this.clock = clock;
		for (MailKind kind : MailKind.values()) {
			String tag = kind.name().toLowerCase(Locale.ROOT);
			Gauge.builder("notifier.mail.due", this, (metrics) -> metrics.waiting(kind).mails())
				.description("Queued mails that are due and not sent yet")
				.baseUnit("messages")
				.tag("kind", tag)
				.register(registry);
			Gauge
				.builder("notifier.mail.due.age", this,
						(metrics) -> metrics.waiting(kind).longest().toMillis() / 1000.0)
				.description("How long the due mail queued first has waited since it was queued; 0 when none is due")
				.baseUnit("seconds")
				.tag("kind", tag)
				.register(registry);
		}
	}

	private DeliveryRepository.Waiting waiting(MailKind kind) {
		return this.due.getOrDefault(kind, DeliveryRepository.Waiting.NONE);
	}

	// Read on a timer rather than on every scrape, so that scrapes never query the
	// database.
	void refresh() {
		this.due = this.repository.due(Instant.now(this.clock));
	}

}
