package org.syndication.publisher.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds to Kafka, oldest first, each batch in one Kafka transaction
 * ({@link RelayTransactions}), and marks a batch sent once Kafka has committed it. Where
 * Kafka fails, the relay stops at the batch that failed and tries again from there later,
 * so one key's messages never overtake each other.
 * <p>
 * Every event reaches a consumer that reads committed records once: what a transaction
 * that was not committed wrote is aborted, and read by nobody. That holds across every
 * failure between Kafka and the outbox: a broker stalled for longer than the producer's
 * delivery timeout (the producer gives up on sends the broker may still write), a commit
 * left unanswered, a crash between Kafka's commit and the outbox update, an instance that
 * lost its lock while it sent. Before it sends anything after such a failure (and at
 * start), the relay readies a new producer, which ends the old one's open transaction,
 * and marks sent the messages of the last committed transaction, which Kafka keeps on the
 * relay's own topic. So it never sends again what was committed, and never takes as sent
 * what was not.
 * <p>
 * Only one instance relays at a time (a ShedLock lock in the database), because two
 * relays reading the same outbox would reorder a key's messages; the transactional id,
 * the same for every instance, fences an instance that goes on after its lock expired.
 */
@Component
class OutboxRelay {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final OutboxRepository repository;

	private final OutboxSends sends;

	private final RelayTransactions transactions;

	private final KafkaAdmin admin;

	private final OutboxProperties properties;

	private final OutboxMetrics metrics;

	private final Clock clock;

	private volatile boolean topicsReady;

	// Whether the relay must learn from Kafka which messages its last transaction carried
	// before it sends anything: at start, and after any failure once a batch was handed
	// to Kafka.
	private boolean recovering = true;

	// Why Kafka failed the last attempt, or null while it confirms: a series of failures
	// is logged once, and again only when its cause changes (Kafka away, then a refused
	// credential, say).
	private volatile KafkaFailure.Kind failing;

	// While Kafka fails, attempts are spaced out, doubling up to maxRetryInterval: a
	// refused credential fails at once, and trying it ten times a second helps nobody.
	private Duration retryInterval = Duration.ZERO;

	private volatile long nextAttemptNanos;

	OutboxRelay(OutboxRepository repository, OutboxSends sends, RelayTransactions transactions, KafkaAdmin admin,
			OutboxProperties properties, OutboxMetrics metrics, Clock clock) {
		this.repository = repository;
		this.sends = sends;
		this.transactions = transactions;
		this.admin = admin;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Whether a run has anything to do: a message waits and no pause after a failure is
	 * running. Asked before the scheduler lock is taken, so an idle outbox costs one read
	 * per poll, and neither a write nor a commit in the database.
	 */
	boolean hasWork() {
		if (this.failing != null && System.nanoTime() - this.nextAttemptNanos < 0) {
			return false;
		}
		return this.repository.hasUnsent();
	}

	/** Sends what the outbox holds, holding the scheduler lock. */
	@SchedulerLock(name = "outbox-relay", lockAtMostFor = "PT30S")
	void relay() {
		if (this.failing != null && System.nanoTime() - this.nextAttemptNanos < 0) {
			return;
		}
		relayBatch();
	}

	/**
	 * Sends the outbox's unsent messages, oldest first, a batch per transaction, and
	 * marks each batch sent once Kafka committed it. It stops when the outbox is drained,
	 * or at the first batch that fails.
	 * @return how many messages were sent and marked, or -1 when Kafka failed
	 */
	synchronized int relayBatch() {
		int marked = 0;
		while (true) {
			List<OutboxRecord> batch = this.repository.findUnsent(this.properties.batchSize());
			if (batch.isEmpty()) {
				break;
			}
			long first = batch.get(0).position();
			if (!this.topicsReady) {
				// The topics are declared at start-up, which fails quietly while Kafka is
				// away.
				try {
					this.topicsReady = this.admin.initialize();
				}
				catch (RuntimeException ex) {
					return failed(first, ex);
				}
			}
			if (this.recovering || !this.transactions.isStarted()) {
				try {
					int committed = markCommitted(this.transactions.start());
					if (committed > 0) {
						logger.info("Kafka had committed {} outbox messages that were not marked sent yet", committed);
						marked += committed;
						this.recovering = false;
						continue;
					}
				}
				catch (RuntimeException ex) {
					return failed(first, ex);
				}
				this.recovering = false;
			}
			// From here until the batch is marked, a failure leaves the relay unsure
			// whether Kafka committed it.
			this.recovering = true;
			try {
				this.transactions.send(batch, this.sends, this.properties.sendTimeout());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return failed(first, ex);
			}
			catch (Exception ex) {
				return failed(first,
						(ex instanceof ExecutionException && ex.getCause() instanceof Exception cause) ? cause : ex);
			}
			marked += markSent(batch.stream().map(OutboxRecord::position).toList());
			this.recovering = false;
			if (batch.size() < this.properties.batchSize()) {
				break;
			}
		}
		if (this.failing != null) {
			logger.info("Kafka confirms outbox messages again");
			this.failing = null;
			this.retryInterval = Duration.ZERO;
		}
		return marked;
	}

	/** Marks sent those of a committed transaction's messages that are not marked yet. */
	private int markCommitted(List<Long> committed) {
		return committed.isEmpty() ? 0 : markSent(committed);
	}

	private int markSent(List<Long> ids) {
		int count = this.repository.markSent(ids, Instant.now(this.clock));
		this.metrics.sent(count);
		return count;
	}

	/**
	 * Counts a failed attempt, logs the first of a series with one cause, and puts the
	 * next attempt off.
	 * @return -1
	 */
	private int failed(long unconfirmed, Exception failure) {
		if (isFenced(failure)) {
			// Another instance took the relay over (the lock alternates between
			// instances) and its producer fenced this one's: nothing failed, and this
			// instance readies a producer of its own again the next time it relays.
			logger.debug("Another instance relayed meanwhile; outbox message {} waits for the next run", unconfirmed);
			this.recovering = true;
			return -1;
		}
		this.metrics.failed();
		KafkaFailure why = KafkaFailure.of(failure, this.sends.producerConfiguration());
		if (why.kind() != this.failing) {
			if (why.isConfiguration()) {
				// The message says it all; a stack trace would bury it.
				logger.error("{} Outbox message {} and every later one wait until then.", why.message(), unconfirmed);
			}
			else {
				logger.warn("Kafka did not confirm outbox message {}; it and every later one wait for the next attempt",
						unconfirmed, failure);
			}
			this.failing = why.kind();
		}
		Duration doubled = this.retryInterval.multipliedBy(2);
		this.retryInterval = doubled.isZero() ? this.properties.pollInterval()
				: min(doubled, this.properties.maxRetryInterval());
		this.nextAttemptNanos = System.nanoTime() + this.retryInterval.toNanos();
		return -1;
	}

	private static boolean isFenced(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
				return true;
			}
		}
		return false;
	}

	private static Duration min(Duration first, Duration second) {
		return (first.compareTo(second) <= 0) ? first : second;
	}

}
