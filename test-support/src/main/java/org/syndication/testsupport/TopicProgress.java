package org.syndication.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has come through a topic, by its committed offsets: what a
 * benchmark waits on before it counts a service's consumer as done.
 */
public final class TopicProgress {

	private TopicProgress() {
	}

	/** The end offset of every partition of the topic. */
	public static Map<TopicPartition, Long> endOffsets(Admin admin, String topic, int partitions) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int partition = 0; partition < partitions; partition++) {
			latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(latest)
			.all()
			.get(30, TimeUnit.SECONDS)
			.forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	/**
	 * @param ends the offsets to reach, as {@link #endOffsets} gives them
	 * @return the records the group has yet to commit before it reaches them: 0 once it
	 * has caught up
	 */
	public static long behind(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(30, TimeUnit.SECONDS);
		return ends.entrySet().stream().mapToLong((end) -> {
			OffsetAndMetadata offset = committed.get(end.getKey());
			return Math.max(0, end.getValue() - ((offset != null) ? offset.offset() : 0));
		}).sum();
	}

}
