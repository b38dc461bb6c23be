package org.syndication.publisher.outbox;

import java.time.Instant;

/**
 * A message as it waits in the outbox table.
 */
record OutboxRecord(long position, OutboxMessage message, Instant createdAt) {

}
