package org.syndication.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

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

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

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
		Map<String, Duration> histories = histories(
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
	 * The history each topic keeps: a compacted topic's compaction lag, else its
	 * retention; none for a topic that keeps everything.
	 */
	private Map<String, Duration> histories(Set<String> topics) {
		Map<String, Duration> histories = new HashMap<>();
		if (topics.isEmpty()) {
			return histories;
		}
		List<ConfigResource> resources = topics.stream()
			.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
			.toList();
		Map<ConfigResource, Config> configs = KafkaAccess.await(this.admin.describeConfigs(resources).all(),
				"describe the topics");
		for (ConfigResource resource : resources) {
			Config config = configs.get(resource);
			String policy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
			long lag = Long.parseLong(value(config, TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0"));
			long retention = Long.parseLong(value(config, TopicConfig.RETENTION_MS_CONFIG, "-1"));
			long history = (policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) ? lag : retention;
			histories.put(resource.name(), (history > 0) ? Duration.ofMillis(history) : null);
		}
		return histories;
	}

	private static String value(Config config, String name, String otherwise) {
		ConfigEntry entry = (config != null) ? config.get(name) : null;
		return (entry != null && entry.value() != null) ? entry.value() : otherwise;
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
		static Reader with(java.util.function.Supplier<Consumer<byte[], byte[]>> consumers) {
			return (positions, ends) -> {
				Map<TopicPartition, Instant> times = new HashMap<>();
				Set<TopicPartition> open = new HashSet<>(positions.keySet());
				try (Consumer<byte[], byte[]> consumer = consumers.get()) {
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
			};
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
