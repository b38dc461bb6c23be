package org.syndication.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link PartnerStatus.Reader} with a consumer of its own, in no group: it reads from
 * each position until the first record, committed records only.
 */
final class OldestUnread implements PartnerStatus.Reader {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<Consumer<byte[], byte[]>> consumers;

	/**
	 * @param consumers new consumers reading committed records, as the administrator
	 */
	OldestUnread(Supplier<Consumer<byte[], byte[]>> consumers) {
		this.consumers = consumers;
	}

	@Override
	public Map<TopicPartition, Instant> oldestUnread(Map<TopicPartition, Long> positions,
			Map<TopicPartition, Long> ends) {
		Map<TopicPartition, Instant> times = new HashMap<>();
		Set<TopicPartition> open = new HashSet<>(positions.keySet());
		try (Consumer<byte[], byte[]> consumer = this.consumers.get()) {
			consumer.assign(open);
			positions.forEach(consumer::seek);
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (!open.isEmpty() && System.nanoTime() - deadline < 0) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (open.remove(partition)) {
						times.put(partition, Instant.ofEpochMilli(record.timestamp()));
						consumer.pause(List.of(partition));
					}
				}
				// The position passes transaction markers, which are no records.
				open.removeIf((partition) -> consumer.position(partition) >= ends.get(partition));
			}
		}
		return times;
	}

}
