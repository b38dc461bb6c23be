package org.syndication.publisher.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox of a database restored from a backup, made to agree with what went out
 * before the database was lost: the relay's record of its last transaction names outbox
 * ids the backup had not reached yet, which new messages must not take; and the messages
 * the backup still had waiting may have gone out since.
 */
@Component
public class OutboxRestore {

	private final OutboxRepository repository;

	private final RelayTransactions relay;

	private final Clock clock;

	OutboxRestore(OutboxRepository repository, RelayTransactions relay, Clock clock) {
		this.repository = repository;
		this.relay = relay;
		this.clock = clock;
	}

	/**
	 * Gives new messages ids beyond every id the relay has sent. Without this, a new
	 * message could take an id of the relay's last transaction, which the relay marks
	 * sent when it starts, and never go out. Outside any transaction: it changes the
	 * table's definition.
	 */
	public void continueAfterWhatWasRelayed() {
		List<Long> relayed = this.relay.lastCommitted();
		this.repository.continueIdsAfter(relayed.stream().mapToLong(Long::longValue).max().orElse(0L));
	}

	/**
	 * Marks sent, without sending them, the waiting messages that went out already.
	 * @param wentOut whether a message went out, or a newer state of its key did
	 * @return how many were marked
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int markSentIf(Predicate<OutboxMessage> wentOut) {
		List<Long> out = new ArrayList<>();
		for (OutboxRecord record : this.repository.findUnsent(Integer.MAX_VALUE)) {
			if (wentOut.test(record.message())) {
				out.add(record.position());
			}
		}
		return out.isEmpty() ? 0 : this.repository.markSent(out, Instant.now(this.clock));
	}

}
