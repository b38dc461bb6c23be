package org.syndication.web.positions;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * How far some records of a batch take their partitions: for each partition, the offset
 * of the record after the last one applied. Saved in the transaction that applies those
 * records ({@link ConsumerPositions#applyWith}).
 *
 * @param next the next offset of each partition the records are in
 */
public record Progress(Map<TopicPartition, Long> next) {

	public Progress {
		next = Map.copyOf(next);
	}

	/** No record: nothing to save, as in a batch built without the records' places. */
	public static Progress none() {
		return new Progress(Map.of());
	}

}
