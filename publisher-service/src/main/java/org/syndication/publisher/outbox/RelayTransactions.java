package org.syndication.publisher.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The relay's transactions. Each batch of outbox messages goes to Kafka in one
 * transaction, together with a record of the batch's outbox ids on the relay's own topic.
 * Consumers that read committed records see a batch whole or not at all; and when the
 * relay cannot tell whether a transaction was committed (its producer gave up on sends a
 * stalled broker may still write, a commit went unanswered, the process died), the last
 * committed transaction's record says which messages went out.
 * <p>
 * The producer's transactional id is the same for every instance and every start, so that
 * a new producer fences an older one, and completes or aborts the transaction it left
 * open, before it sends anything: a relay that lost its lock to another instance cannot
 * commit what the other sends again.
 */
class RelayTransactions implements AutoCloseable {

	/** The relay's transactional id, one for all instances. */
	static final String TRANSACTIONAL_ID = "publisher-outbox";

	/** The relay's topic: one partition, compacted, the last transaction's ids. */
	static final String TOPIC = "publisher-service.outbox-relayed";

	private static final String KEY = "relayed";

	// Records of the relay's topic read back from its end to find the last committed
	// one: each commit adds one record and one transaction marker.
	private static final int READ_BACK = 64;

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private final Supplier<Producer<String, byte[]>> producers;

	private final Supplier<Consumer<String, byte[]>> readers;

	private Producer<String, byte[]> producer;

	private boolean initialized;

	/**
	 * @param producers new producers with the relay's transactional id
	 * @param readers new consumers that read committed records only, in no group
	 */
	RelayTransactions(Supplier<Producer<String, byte[]>> producers, Supplier<Consumer<String, byte[]>> readers) {
		this.producers = producers;
		this.readers = readers;
	}

	/**
	 * Readies a producer (fencing any earlier one, which ends its open transaction), and
	 * reads which messages the last committed transaction carried.
	 * @return their outbox ids, empty when the relay has committed nothing yet
	 * @throws RuntimeException when Kafka does not answer or refuses; a timeout leaves
	 * the producer to be readied again by the next call
	 */
	List<Long> start() {
		if (this.producer == null) {
			this.producer = this.producers.get();
			this.initialized = false;
		}
		if (!this.initialized) {
			try {
				this.producer.initTransactions();
			}
			catch (org.apache.kafka.common.errors.TimeoutException ex) {
				// May be called again on the same producer.
				throw ex;
			}
			catch (RuntimeException ex) {
				reset();
				throw ex;
			}
			this.initialized = true;
		}
		return lastCommitted();
	}

	boolean isStarted() {
		return this.producer != null && this.initialized;
	}

	/**
	 * Sends the batch in one transaction and commits it. When anything fails, the
	 * producer is closed, and the next {@link #start} readies a new one and says whether
	 * the transaction was committed after all.
	 * @param batch outbox messages, ascending by id
	 * @param sends how each message becomes a record (and a span)
	 * @param sendTimeout how long Kafka may take to answer the sends before the
	 * transaction is given up
	 * @throws Exception what failed
	 */
	void send(List<OutboxRecord> batch, OutboxSends sends, Duration sendTimeout) throws Exception {
		try {
			this.producer.beginTransaction();
			List<CompletableFuture<?>> answers = new ArrayList<>(batch.size());
			List<Long> ids = new ArrayList<>(batch.size());
			for (OutboxRecord record : batch) {
				answers.add(sends.send(this.producer, record.message()));
				ids.add(record.position());
			}
			this.producer
				.send(new ProducerRecord<>(TOPIC, KEY, OutboxIds.format(ids).getBytes(StandardCharsets.UTF_8)));
			awaitAll(answers, sendTimeout);
			this.producer.commitTransaction();
		}
		catch (Exception ex) {
			reset();
			throw ex;
		}
	}

	private static void awaitAll(List<CompletableFuture<?>> answers, Duration timeout)
			throws InterruptedException, ExecutionException, TimeoutException {
		CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * The outbox ids of the last committed transaction's record, read without readying a
	 * producer.
	 * @return its outbox ids, empty when the relay has committed nothing yet
	 */
	List<Long> lastCommitted() {
		TopicPartition partition = new TopicPartition(TOPIC, 0);
		try (Consumer<String, byte[]> reader = this.readers.get()) {
			reader.assign(List.of(partition));
			// Reading committed records, the end is the last stable offset: after the
			// producer was readied, no transaction of the relay's is open.
			long end = reader.endOffsets(List.of(partition)).get(partition);
			for (long from = Math.max(0, end - READ_BACK);; from = Math.max(0, from - READ_BACK * 16L)) {
				reader.seek(partition, from);
				String last = null;
				long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
				while (reader.position(partition) < end) {
					if (System.nanoTime() - deadline > 0) {
						throw new org.apache.kafka.common.errors.TimeoutException(
								"Could not read " + TOPIC + " up to offset " + end + " within " + READ_TIMEOUT);
					}
					for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofSeconds(1))) {
						if (record.offset() < end && record.value() != null) {
							last = new String(record.value(), StandardCharsets.UTF_8);
						}
					}
				}
				if (last != null || from == 0) {
					return OutboxIds.parse(last);
				}
			}
		}
	}

	/** Closes the producer, whatever it was doing; the next start readies a new one. */
	void reset() {
		Producer<String, byte[]> closing = this.producer;
		this.producer = null;
		this.initialized = false;
		if (closing != null) {
			try {
				closing.close(Duration.ZERO);
			}
			catch (RuntimeException ex) {
				// Closed all the same.
			}
		}
	}

	@Override
	public void close() {
		Producer<String, byte[]> closing = this.producer;
		this.producer = null;
		if (closing != null) {
			closing.close(Duration.ofSeconds(5));
		}
	}

}
