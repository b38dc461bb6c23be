package org.syndication.web.positions;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * The records of a polled batch as places in their topic: where each lies, and whether it
 * is a replay, one that the consumer group had handled already when this consumer was
 * given its partition. A replay happens after the service's database was restored from a
 * backup older than the group's committed offsets: the records between the two are
 * applied again to the restored state, but what they caused outside the database (a push,
 * a mail) happened once, with the database that was lost, and must not happen again.
 */
public final class ConsumedBatch {

	private final Object topics;

	private final List<?> partitions;

	private final List<?> offsets;

	private final List<?> timestamps;

	private final Map<TopicPartition, Long> replayBelow;

	ConsumedBatch(MessageHeaders headers, Map<TopicPartition, Long> replayBelow) {
		this.topics = headers.get(KafkaHeaders.RECEIVED_TOPIC);
		this.partitions = headers.get(KafkaHeaders.RECEIVED_PARTITION, List.class);
		this.offsets = headers.get(KafkaHeaders.OFFSET, List.class);
		this.timestamps = headers.get(KafkaHeaders.RECEIVED_TIMESTAMP, List.class);
		this.replayBelow = replayBelow;
	}

	/**
	 * Whether the record at an index was handled by the consumer group before this
	 * consumer was given its partition: below the group's committed offset then.
	 */
	public boolean replayed(int index) {
		TopicPartition partition = partition(index);
		if (partition == null) {
			return false;
		}
		Long below = this.replayBelow.get(partition);
		return below != null && offset(index) < below;
	}

	/**
	 * When the record at an index was written to the topic, as its timestamp says.
	 * @return the time, or {@code null} if the batch does not say
	 */
	public Instant timestamp(int index) {
		Object timestamp = element(this.timestamps, index);
		return (timestamp instanceof Long millis) ? Instant.ofEpochMilli(millis) : null;
	}

	/**
	 * The progress the records before an index make.
	 * @param end the index after the last record applied
	 */
	public Progress upTo(int end) {
		Map<TopicPartition, Long> next = new HashMap<>();
		for (int index = 0; index < end; index++) {
			TopicPartition partition = partition(index);
			if (partition != null) {
				next.merge(partition, offset(index) + 1, Math::max);
			}
		}
		return new Progress(next);
	}

	private TopicPartition partition(int index) {
		Object topic = topic(index);
		Object partition = element(this.partitions, index);
		Object offset = element(this.offsets, index);
		if (topic == null || !(partition instanceof Integer number) || !(offset instanceof Long)) {
			return null;
		}
		return new TopicPartition(topic.toString(), number);
	}

	private long offset(int index) {
		return (Long) this.offsets.get(index);
	}

	/** The topic of a record: a list of them in batch mode, one for all otherwise. */
	private Object topic(int index) {
		return (this.topics instanceof List<?> list) ? element(list, index) : this.topics;
	}

	private static Object element(List<?> list, int index) {
		return (list != null && index < list.size()) ? list.get(index) : null;
	}

}
