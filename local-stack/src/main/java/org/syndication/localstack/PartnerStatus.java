package org.syndication.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each partner's consumer groups have read: per group and topic, the records not
 * read yet (committed records only, as partners read them) and the age of the oldest of
 * them, which is how far behind the group is. A group far behind on a compacted topic
 * risks reading an article's newest version only, its changes compacted away: a group
 * behind by two sevenths of the history the topic keeps (two days of seven) is warned
 * about ({@link #warningAfter}).
 */
public final class PartnerStatus {

	/**
	 * @param history how much history a topic keeps
	 * @return how far a group may fall behind on it before a warning: two sevenths
	 */
	public static Duration warningAfter(Duration history) {
		return history.multipliedBy(2).dividedBy(7);
	}

	private final Admin admin;

	private final Reader reader;

	/**
	 * @param admin a client of a super user ({@code admin})
	 * @param reader reads the oldest unread record of partitions, as the administrator
	 */
	public PartnerStatus(Admin admin, Reader reader) {
		this.admin = admin;
		this.reader = reader;
	}

	/**
	 * @param partners the partners' names
	 * @param now the time to measure how far behind from
	 * @return each partner's groups, by partner and group id; a partner without a group
	 * has none
	 */
	public Map<String, List<Group>> of(Collection<String> partners, Instant now) {
		Collection<GroupListing> listings = KafkaAccess
			.await(this.admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), "list the consumer groups");
		Map<String, List<Group>> status = new TreeMap<>();
		for (String partner : new TreeSet<>(partners)) {
			List<String> ids = listings.stream()
				.map(GroupListing::groupId)
				.filter((id) -> id.startsWith(Partners.groupPrefix(partner)))
				.sorted()
				.toList();
			List<Group> groups = new ArrayList<>();
			if (!ids.isEmpty()) {
				Map<String, ConsumerGroupDescription> descriptions = KafkaAccess
					.await(this.admin.describeConsumerGroups(ids).all(), "describe the groups of " + partner);
				for (String id : ids) {
					groups.add(group(id, descriptions.get(id), now));
				}
			}
			status.put(partner, groups);
		}
		return status;
	}

	private Group group(String id, ConsumerGroupDescription description, Instant now) {
		Map<TopicPartition, OffsetAndMetadata> committed = KafkaAccess.await(
				this.admin.listConsumerGroupOffsets(id).partitionsToOffsetAndMetadata(),
				"read the offsets of group " + id);
		Map<TopicPartition, Long> positions = new HashMap<>();
		committed.forEach((partition, offset) -> {
			if (offset != null) {
				positions.put(partition, offset.offset());
			}
		});
		Map<TopicPartition, Long> ends = ends(positions.keySet());
		Map<TopicPartition, Long> unread = new HashMap<>();
		positions.forEach((partition, position) -> {
			long lag = Math.max(0, ends.getOrDefault(partition, position) - position);
			if (lag > 0) {
				unread.put(partition, position);
			}
		});
		Map<TopicPartition, Instant> oldest = unread.isEmpty() ? Map.of() : this.reader.oldestUnread(unread, ends);
		Map<String, Duration> histories = TopicHistories.of(this.admin,
				positions.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet()));
		List<TopicLag> topics = new ArrayList<>();
		for (String topic : new TreeSet<>(histories.keySet())) {
			long lag = 0;
			Instant oldestUnread = null;
			for (Map.Entry<TopicPartition, Long> position : positions.entrySet()) {
				TopicPartition partition = position.getKey();
				// A partition with transaction markers only after the position has been
				// read (clients other than Java's commit the offset before a marker).
				if (partition.topic().equals(topic) && oldest.containsKey(partition)) {
					lag += Math.max(0, ends.getOrDefault(partition, position.getValue()) - position.getValue());
					Instant time = oldest.get(partition);
					if (time != null && (oldestUnread == null || time.isBefore(oldestUnread))) {
						oldestUnread = time;
					}
				}
			}
			Duration behind = (oldestUnread != null && oldestUnread.isBefore(now)) ? Duration.between(oldestUnread, now)
					: Duration.ZERO;
			topics.add(new TopicLag(topic, lag, Optional.ofNullable(oldestUnread), behind,
					Optional.ofNullable(histories.get(topic))));
		}
		return new Group(id, description.groupState().toString(), description.members().size(), topics);
	}

	private Map<TopicPartition, Long> ends(Set<TopicPartition> partitions) {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = KafkaAccess.await(
				this.admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(),
				"read the end offsets");
		Map<TopicPartition, Long> offsets = new HashMap<>();
		ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

	/**
	 * Reads, for partitions a group has not read to the end, the time of the first record
	 * after its position: committed records only.
	 */
	public interface Reader {

		/**
		 * @param positions each partition's position, the first offset not read
		 * @param ends each partition's end, its last stable offset
		 * @return the time of the first record from the position on, for each partition
		 * that has one before its end
		 */
		Map<TopicPartition, Instant> oldestUnread(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends);

		/**
		 * A reader with a consumer of its own, in no group.
		 * @param consumers new consumers reading committed records, as the administrator
		 * @return the reader
		 */
		static Reader with(Supplier<Consumer<byte[], byte[]>> consumers) {
			return new OldestUnread(consumers);
		}

	}

	/**
	 * A partner's consumer group.
	 *
	 * @param id the group's id
	 * @param state the group's state (stable, empty, …)
	 * @param members how many consumers are in it now
	 * @param topics how far it has read each topic it has offsets on
	 */
	public record Group(String id, String state, int members, List<TopicLag> topics) {

		/** Whether the group is behind on any topic by enough to warn about. */
		public boolean warned() {
			return this.topics.stream().anyMatch(TopicLag::warned);
		}

	}

	/**
	 * How far a group has read one topic.
	 *
	 * @param topic the topic
	 * @param lag the committed records it has not read
	 * @param oldestUnread the time of the oldest of them
	 * @param behind how long ago that was, zero when it has read everything
	 * @param history how much history the topic keeps, none when it keeps everything
	 */
	public record TopicLag(String topic, long lag, Optional<Instant> oldestUnread, Duration behind,
			Optional<Duration> history) {

		/**
		 * Whether the group is behind by {@link PartnerStatus#warningAfter} the history.
		 */
		public boolean warned() {
			return this.history.map((kept) -> this.behind.compareTo(warningAfter(kept)) >= 0).orElse(false);
		}

	}

}
