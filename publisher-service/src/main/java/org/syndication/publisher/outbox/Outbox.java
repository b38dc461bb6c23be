package org.syndication.publisher.outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The write side of the transactional outbox: a message appended here commits or rolls
 * back with the caller's transaction, and {@link OutboxRelay} sends it afterwards.
 */
@Component
public class Outbox {

	private final OutboxRepository repository;

	private final Clock clock;

	Outbox(OutboxRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * Appends a message; it must be called inside the transaction that makes the change
	 * the message reports.
	 * @param message the message to send after commit
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(OutboxMessage message) {
		this.repository.insert(message, Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS));
	}

}
