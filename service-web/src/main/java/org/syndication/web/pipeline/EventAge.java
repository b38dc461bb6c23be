package org.syndication.web.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How old an event is when a consumer has applied it: from the change in the newsroom
 * ({@code occurredAt}) to the commit that applied it, the freshness of each stage, as the
 * histogram {@code articles.event.age}. An event replayed from the topic's start (a
 * rebuild) is old by nature; operators read this with that in mind.
 */
public final class EventAge {

	private final Timer age;

	private final Clock clock;

	public EventAge(MeterRegistry registry, Clock clock) {
		this.age = Timer.builder("articles.event.age")
			.description("From an article change (the event's occurredAt) until this service applied it")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofHours(1))
			.register(registry);
		this.clock = clock;
	}

	/**
	 * Records the age of an event applied now.
	 * @param occurredAt when its change happened; nothing is recorded without one
	 */
	public void applied(Instant occurredAt) {
		if (occurredAt != null) {
			Duration age = Duration.between(occurredAt, Instant.now(this.clock));
			// A clock behind the publisher's says the event is from the future.
			this.age.record(age.isNegative() ? Duration.ZERO : age);
		}
	}

}
