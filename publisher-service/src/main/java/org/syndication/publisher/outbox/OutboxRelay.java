package org.syndication.publisher.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds to Kafka, oldest first, and marks a message sent only once
 * Kafka has confirmed it (acks=all, idempotent producer). Where Kafka fails, the relay
 * stops at the first unconfirmed message and tries again from there later, so one key's
 * messages never overtake each other. Delivery is at least once: a confirmation that is
 * lost, or a crash between confirmation and marking, sends a message again, and consumers
 * deduplicate on the event id.
 * <p>
 * Sends that Kafka has not answered when the relay stops waiting (a stalled or slow
 * broker, a leader change) stay in the producer, which retries them itself until its
 * delivery timeout. The relay reads the outbox again only once every one of them has been
 * answered, and marks those Kafka confirmed: sending them a second time while the first
 * sends were in flight would put them on the topic twice, out of the idempotent
 * producer's sight. What remains is the window between Kafka's confirmation and the
 * outbox update, which a crash can hit, and a stall longer than the producer's delivery
 * timeout: the producer then gives up on sends the broker may still write, and the relay
 * sends them again.
 * <p>
 * A backlog goes out as fast as Kafka takes it: the next batch is read and handed to the
 * producer while the one before it waits for its confirmations, and confirmed messages
 * are marked in one statement per batch. Sends from one thread to an idempotent producer
 * keep their order on each partition, so this changes no key's order.
 * <p>
 * Only one instance relays at a time (a ShedLock lock in the database), because two
 * relays reading the same outbox could reorder a key's messages and send them twice. A
 * run holds the lock until Kafka has answered every send it made, so that another
 * instance never reads rows still in flight.
 */
@Component
class OutboxRelay {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final OutboxRepository repository;

	private final OutboxSends sends;

	private final KafkaAdmin admin;

	private final OutboxProperties properties;

	private final OutboxMetrics metrics;

	private final Clock clock;

	private volatile boolean topicsReady;

	// Why Kafka failed the last attempt, or null while it confirms: a series of failures
	// is logged once, and again only when its cause changes (Kafka away, then a refused
	// credential, say).
	private volatile KafkaFailure.Kind failing;

	// While Kafka fails, attempts are spaced out, doubling up to maxRetryInterval: a
	// refused credential fails at once, and trying it ten times a second helps nobody.
	private Duration retryInterval = Duration.ZERO;

	private long nextAttemptNanos;

	// Sends of an earlier batch that Kafka had not answered when the relay stopped
	// waiting, oldest first.
	private List<InFlight> inFlight = List.of();

	OutboxRelay(OutboxRepository repository, OutboxSends sends, KafkaAdmin admin, OutboxProperties properties,
			OutboxMetrics metrics, Clock clock) {
		this.repository = repository;
		this.sends = sends;
		this.admin = admin;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Whether a run has anything to do: a message waits, no pause after a failure is
	 * running, and Kafka has answered every send still in flight. Asked before the
	 * scheduler lock is taken, so an idle outbox costs one read per poll, and neither a
	 * write nor a commit in the database.
	 */
	boolean hasWork() {
		if (this.failing != null && System.nanoTime() - this.nextAttemptNanos < 0) {
			return false;
		}
		if (this.inFlight.stream().anyMatch((send) -> !send.confirmation().isDone())) {
			return false;
		}
		return this.repository.hasUnsent();
	}

	/**
	 * Sends what the outbox holds, and returns only once Kafka has answered every send of
	 * this run: the scheduler lock is held (and kept alive) as long as sends are in
	 * flight, so another instance never reads the rows they carry.
	 */
	@SchedulerLock(name = "outbox-relay", lockAtMostFor = "PT30S")
	void relay() {
		if (this.failing != null && System.nanoTime() - this.nextAttemptNanos < 0) {
			return;
		}
		if (relayBatch() < 0 && !this.inFlight.isEmpty()) {
			awaitInFlight();
			settleInFlight();
		}
	}

	/**
	 * Sends the outbox's unsent messages, oldest first, reading the next batch while the
	 * one before it is still in flight, and marks them sent as Kafka confirms them, in
	 * order. It stops when the outbox is drained, or when Kafka fails a send or does not
	 * answer within the send timeout; then the sends still in flight are kept, and the
	 * outbox is not read again until Kafka has answered them all.
	 * @return how many messages were sent and marked, or -1 when Kafka failed
	 */
	int relayBatch() {
		if (!this.inFlight.isEmpty() && !settleInFlight()) {
			return -1;
		}
		int batchSize = this.properties.batchSize();
		// Oldest first; what Kafka confirmed is taken off the front.
		Deque<InFlight> sending = new ArrayDeque<>();
		List<Long> confirmed = new ArrayList<>(batchSize);
		int marked = 0;
		long after = -1;
		boolean more = true;
		Exception failure = null;
		long deadline = System.nanoTime() + this.properties.sendTimeout().toNanos();
		while (failure == null) {
			// At most two batches unanswered: the producer always has the next one while
			// the relay waits for the confirmations of the one before.
			if (more && sending.size() <= batchSize) {
				List<OutboxRecord> batch = (after < 0) ? this.repository.findUnsent(batchSize)
						: this.repository.findUnsentAfter(after, batchSize);
				more = batch.size() == batchSize;
				if (!batch.isEmpty() && !this.topicsReady) {
					// The topic is declared at start-up, which fails quietly while Kafka
					// is away.
					try {
						this.topicsReady = this.admin.initialize();
					}
					catch (RuntimeException ex) {
						return failed(batch.get(0).position(), ex);
					}
				}
				for (OutboxRecord record : batch) {
					after = record.position();
					try {
						sending.add(new InFlight(after, this.sends.send(record.message())));
					}
					catch (RuntimeException ex) {
						sending.add(new InFlight(after, CompletableFuture.failedFuture(ex)));
						more = false;
						break;
					}
				}
				continue;
			}
			if (sending.isEmpty()) {
				break;
			}
			try {
				sending.peek().confirmation().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				// Every confirmed send in a row, without waiting for the next one.
				do {
					confirmed.add(sending.remove().position());
				}
				while (!sending.isEmpty() && isConfirmed(sending.peek()));
				deadline = System.nanoTime() + this.properties.sendTimeout().toNanos();
				if (confirmed.size() >= batchSize) {
					marked += markSent(confirmed);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = ex;
			}
			catch (ExecutionException ex) {
				failure = (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
			catch (TimeoutException ex) {
				failure = ex;
			}
		}
		marked += markSent(confirmed);
		if (failure != null) {
			// Not answered yet, or failed, and every send after it: the producer may
			// still
			// hold them.
			this.inFlight = List.copyOf(sending);
			return failed(sending.peek().position(), failure);
		}
		if (this.failing != null) {
			logger.info("Kafka confirms outbox messages again");
			this.failing = null;
			this.retryInterval = Duration.ZERO;
		}
		return marked;
	}

	private int markSent(List<Long> confirmed) {
		int count = confirmed.size();
		if (count > 0) {
			this.repository.markSent(List.copyOf(confirmed), Instant.now(this.clock));
			this.metrics.sent(count);
			confirmed.clear();
		}
		return count;
	}

	/**
	 * Waits, holding the scheduler lock, until Kafka has answered every send in flight:
	 * the producer retries them itself up to its delivery timeout, after which it fails
	 * them.
	 */
	private void awaitInFlight() {
		CompletableFuture<?>[] confirmations = this.inFlight.stream()
			.map(InFlight::confirmation)
			.toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(confirmations).get(inFlightLimit().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// Answered, with a failure: settled below.
		}
		catch (TimeoutException ex) {
			logger.error("Kafka's producer has not answered {} outbox messages within {}; the outbox is not read "
					+ "again until it does", this.inFlight.size(), inFlightLimit());
		}
	}

	/**
	 * The producer's delivery timeout, and a minute for its last attempt to be answered.
	 */
	private Duration inFlightLimit() {
		Object deliveryTimeout = this.sends.producerConfiguration().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
		long millis = (deliveryTimeout != null) ? Long.parseLong(deliveryTimeout.toString()) : 120_000;
		return Duration.ofMillis(millis).plusMinutes(1);
	}

	private static boolean isConfirmed(InFlight send) {
		return send.confirmation().isDone() && !send.confirmation().isCompletedExceptionally();
	}

	/**
	 * Whether the sends still in flight from an earlier batch have all been answered; if
	 * so, marks as sent those Kafka confirmed, up to the first it did not, so that the
	 * rest are sent again in order.
	 */
	private boolean settleInFlight() {
		if (!this.inFlight.stream().allMatch((send) -> send.confirmation().isDone())) {
			return false;
		}
		List<Long> confirmed = new ArrayList<>();
		for (InFlight send : this.inFlight) {
			if (send.confirmation().isCompletedExceptionally() || send.confirmation().isCancelled()) {
				break;
			}
			confirmed.add(send.position());
		}
		this.inFlight = List.of();
		if (!confirmed.isEmpty()) {
			this.repository.markSent(confirmed, Instant.now(this.clock));
			this.metrics.sent(confirmed.size());
			logger.info("Kafka confirmed {} outbox messages that were still in flight", confirmed.size());
		}
		return true;
	}

	/**
	 * Counts a failed attempt, logs the first of a series with one cause, and puts the
	 * next attempt off.
	 * @return -1
	 */
	private int failed(long unconfirmed, Exception failure) {
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

	/** A send to Kafka not answered yet, and the outbox message it carries. */
	private record InFlight(long position, CompletableFuture<?> confirmation) {

	}

	private static Duration min(Duration first, Duration second) {
		return (first.compareTo(second) <= 0) ? first : second;
	}

}
