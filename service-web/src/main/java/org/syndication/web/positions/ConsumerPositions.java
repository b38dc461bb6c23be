package org.syndication.web.positions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How far a service has applied each partition of the topic its batch binding reads, kept
 * in its own database ({@code consumer_position}, which each service's migrations create)
 * and written in the transaction that applies the records. The database, not the consumer
 * group, says where reading resumes: when the binding is given a partition, it seeks to
 * the offset the database holds. A partition the database holds no position of (the first
 * start with this table, or a partition added to the topic since) is read from the
 * group's committed offset, which is saved as its position at once, so that a backup
 * taken later holds a position for every partition.
 * <p>
 * In normal running the two agree, and after a crash between the database's commit and
 * Kafka's the database's position spares the records already applied. After a restore
 * from an older backup the database's position is the older one: the records since then
 * are read again, and those below the group's committed offset at assignment are replays
 * ({@link ConsumedBatch#replayed}), whose effects outside the database already happened.
 * <p>
 * A binding can be asked to read from the beginning instead (a rebuild), on its first
 * assignment; Spring Cloud Stream's own {@code reset-offsets} cannot be set beside a
 * rebalance listener.
 */
public class ConsumerPositions implements KafkaBindingRebalanceListener {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerPositions.class);

	/**
	 * Between two questions to a database that did not answer; each waits for the pool's
	 * connection timeout already.
	 */
	private static final Duration RETRY = Duration.ofSeconds(1);

	private final PositionTable table;

	private final TransactionTemplate transactions;

	private final String binding;

	private final boolean fromTheBeginning;

	private final Duration patience;

	private final Map<TopicPartition, Long> replayBelow = new ConcurrentHashMap<>();

	/**
	 * @param jdbc the service's database
	 * @param transactions its transactions
	 * @param binding the batch binding whose partitions are sought, e.g.
	 * {@code articles-in-0}
	 * @param fromTheBeginning whether to read every partition from its beginning on the
	 * first assignment, whatever the database holds
	 * @param patience how long an assignment waits for the database to say where to
	 * start, at most, before it starts from the group's committed offsets
	 */
	public ConsumerPositions(JdbcClient jdbc, PlatformTransactionManager transactions, String binding,
			boolean fromTheBeginning, Duration patience) {
		this.table = new PositionTable(jdbc);
		this.transactions = new TransactionTemplate(transactions);
		this.binding = binding;
		this.fromTheBeginning = fromTheBeginning;
		this.patience = patience;
	}

	/** The records of a batch the binding received, as places in their topic. */
	public ConsumedBatch batch(Message<?> message) {
		return new ConsumedBatch(message.getHeaders(), Map.copyOf(this.replayBelow));
	}

	/**
	 * Runs the work of applying records and saves the progress they make, in one
	 * transaction: either both are committed or neither.
	 */
	public void applyWith(Progress progress, Runnable apply) {
		this.transactions.executeWithoutResult((status) -> {
			apply.run();
			this.table.save(progress);
		});
	}

	/**
	 * Moves the position past a record that the dead-letter topic has taken, where it
	 * stands at that record (the records before it applied): it is not read, and sent
	 * there, again after the next assignment.
	 */
	public void passed(ConsumerRecord<?, ?> record) {
		this.table.passed(record);
	}

	/** The next offset of each partition of a topic that the database holds one for. */
	public Map<Integer, Long> stored(String topic) {
		return this.table.stored(topic);
	}

	@Override
	public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
			boolean initial) {
		if (!this.binding.equals(bindingName) || partitions.isEmpty()) {
			return;
		}
		Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata offset = committed.get(partition);
			if (offset != null) {
				this.replayBelow.put(partition, offset.offset());
			}
			else {
				this.replayBelow.remove(partition);
			}
		}
		if (this.fromTheBeginning && initial) {
			logger.info("Reading {} from the beginning", partitions);
			consumer.seekToBeginning(partitions);
			return;
		}
		Map<TopicPartition, Long> stored = storedPatiently(partitions);
		if (stored == null) {
			return;
		}
		List<String> behind = new ArrayList<>();
		List<TopicPartition> unknown = new ArrayList<>();
		for (TopicPartition partition : partitions) {
			Long next = stored.get(partition);
			if (next != null) {
				consumer.seek(partition, next);
				OffsetAndMetadata offset = committed.get(partition);
				if (offset != null && next < offset.offset()) {
					behind.add(partition + " from " + next + " (the group had " + offset.offset() + ")");
				}
			}
			else {
				unknown.add(partition);
			}
		}
		if (!behind.isEmpty()) {
			logger.warn(
					"The database is behind the consumer group, as after a restore from an older backup: "
							+ "reading again {}; what the records up to the group's offsets caused happened already",
					behind);
		}
		// A partition is given a position the first time it is assigned, so that a backup
		// taken later says where to start for every partition.
		Map<TopicPartition, Long> first = new HashMap<>();
		unknown.forEach((partition) -> first.put(partition, consumer.position(partition)));
		try {
			this.transactions.executeWithoutResult((status) -> this.table.save(new Progress(first)));
		}
		catch (RuntimeException ex) {
			// Saved with the first batch applied instead.
			logger.warn("Could not save the first positions of {}: {}", unknown, ex.toString());
		}
	}

	@Override
	public void onPartitionsRevokedAfterCommit(String bindingName, Consumer<?, ?> consumer,
			Collection<TopicPartition> partitions) {
		if (this.binding.equals(bindingName)) {
			partitions.forEach(this.replayBelow::remove);
		}
	}

	/**
	 * The positions the database holds, asked again every second while it does not
	 * answer, for as long as the patience allows.
	 * @return the positions, or {@code null} if the database did not answer in time
	 */
	private Map<TopicPartition, Long> storedPatiently(Collection<TopicPartition> partitions) {
		long deadline = System.nanoTime() + this.patience.toNanos();
		while (true) {
			try {
				Map<TopicPartition, Long> stored = new HashMap<>();
				for (String topic : partitions.stream().map(TopicPartition::topic).distinct().toList()) {
					this.table.stored(topic)
						.forEach((partition, next) -> stored.put(new TopicPartition(topic, partition), next));
				}
				return stored;
			}
			catch (DataAccessException ex) {
				if (System.nanoTime() + RETRY.toNanos() > deadline) {
					logger.error("The database did not say where to read {} from: reading from the consumer "
							+ "group's committed offsets. Records applied meanwhile may be missing if the database "
							+ "was restored from a backup", partitions, ex);
					return null;
				}
				logger.warn("The database does not say where to read {} from ({}); asking again in {}", partitions,
						ex.toString(), RETRY);
				sleep(RETRY);
			}
		}
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the database", ex);
		}
	}

}
