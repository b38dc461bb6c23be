package org.syndication.publisher.outbox;

import java.time.Clock;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.stereotype.Component;

/**
 * Deletes sent messages once their retention has passed.
 */
@Component
class OutboxCleanup {

	private final OutboxRepository repository;

	private final OutboxProperties properties;

	private final Clock clock;

	OutboxCleanup(OutboxRepository repository, OutboxProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	@SchedulerLock(name = "outbox-cleanup")
	void deleteExpired() {
		this.repository.deleteSentBefore(Instant.now(this.clock).minus(this.properties.retention()));
	}

}
