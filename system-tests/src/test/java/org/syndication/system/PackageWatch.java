package org.syndication.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * A partner's client reading a topic as it changes, from its beginning on, committed
 * records only, in a group of its own: every record it receives, with when it arrived.
 */
final class PackageWatch implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Thread reader;

	private volatile RuntimeException failure;

	/**
	 * @param clientConfig the reader's connection, credentials and group
	 * @param topic what it reads
	 */
	PackageWatch(Map<String, Object> clientConfig, String topic) {
		Properties properties = new Properties();
		properties.putAll(clientConfig);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
		this.consumer.subscribe(List.of(topic));
		this.reader = new Thread(this::read, "watch-" + topic);
		this.reader.setDaemon(true);
		this.reader.start();
	}

	private void read() {
		try {
			while (!this.closed.get()) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					this.arrivals.add(new Arrival(System.nanoTime(), ArticlesTopic.Record.of(record)));
				}
			}
		}
		catch (WakeupException ex) {
			// Closed.
		}
		catch (RuntimeException ex) {
			this.failure = ex;
		}
		finally {
			this.consumer.close(Duration.ZERO);
		}
	}

	/**
	 * @return every record received so far, in the order received
	 */
	List<ArticlesTopic.Record> records() {
		requireReading();
		return this.arrivals.stream().map(Arrival::record).toList();
	}

	/**
	 * Waits for a record.
	 * @param wanted which record
	 * @return when the first such record arrived ({@link System#nanoTime()})
	 */
	long await(Predicate<ArticlesTopic.Record> wanted) {
		return await(0, wanted);
	}

	/**
	 * Waits for a record among those received after some.
	 * @param received how many records were received before, which are not looked at
	 * @param wanted which record
	 * @return when the first such record arrived ({@link System#nanoTime()})
	 */
	long await(int received, Predicate<ArticlesTopic.Record> wanted) {
		return Awaitility.await().atMost(SystemChecks.PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> {
			requireReading();
			return this.arrivals.stream()
				.skip(received)
				.filter((arrival) -> wanted.test(arrival.record()))
				.findFirst()
				.map(Arrival::nanoTime)
				.orElse(null);
		}, (nanoTime) -> nanoTime != null);
	}

	private void requireReading() {
		if (this.failure != null) {
			throw new AssertionError("The reader failed", this.failure);
		}
	}

	@Override
	public void close() {
		this.closed.set(true);
		this.consumer.wakeup();
		try {
			this.reader.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Arrival(long nanoTime, ArticlesTopic.Record record) {

	}

}
