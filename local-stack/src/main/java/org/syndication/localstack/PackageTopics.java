package org.syndication.localstack;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The packages' own topics: each made like {@code articles} (partitions, replicas,
 * history), compacted and compressed, and deleted with its readers' rights.
 */
final class PackageTopics {

	private final Admin admin;

	/**
	 * @param admin a client of a super user ({@code admin})
	 */
	PackageTopics(Admin admin) {
		this.admin = admin;
	}

	/**
	 * A new package topic, not created yet.
	 * @param topic its name
	 * @return the topic, with the settings of {@code articles}
	 * @throws IllegalArgumentException if a topic of that name exists
	 * @throws IllegalStateException if {@code articles} does not exist yet
	 */
	NewTopic likeArticles(String topic) {
		Set<String> topics = KafkaAccess.await(this.admin.listTopics().names(), "list the topics");
		if (topics.contains(topic)) {
			throw new IllegalArgumentException("A topic named '" + topic + "' exists already, without a package "
					+ "definition; delete it, or choose another name");
		}
		if (!topics.contains(KafkaAccess.TOPIC)) {
			throw new IllegalStateException("The topic '" + KafkaAccess.TOPIC
					+ "' does not exist yet: start the publisher once, which creates it");
		}
		TopicDescription articles = KafkaAccess
			.await(this.admin.describeTopics(List.of(KafkaAccess.TOPIC)).allTopicNames(), "describe the articles topic")
			.get(KafkaAccess.TOPIC);
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, KafkaAccess.TOPIC);
		Config config = KafkaAccess
			.await(this.admin.describeConfigs(List.of(resource)).all(), "describe the articles topic")
			.get(resource);
		Map<String, String> configs = new TreeMap<>();
		for (String name : List.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
				TopicConfig.DELETE_RETENTION_MS_CONFIG, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)) {
			ConfigEntry entry = config.get(name);
			if (entry != null && entry.value() != null
					&& entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
				configs.put(name, entry.value());
			}
		}
		configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
		// Partners read these batches as written: gzip, which every client reads.
		configs.put(TopicConfig.COMPRESSION_TYPE_CONFIG, "gzip");
		return new NewTopic(topic, articles.partitions().size(), (short) articles.partitions().get(0).replicas().size())
			.configs(configs);
	}

	void create(NewTopic topic) {
		KafkaAccess.await(this.admin.createTopics(List.of(topic)).all(), "create the topic " + topic.name());
	}

	void delete(String topic) {
		KafkaAccess.await(this.admin.deleteTopics(List.of(topic)).all(), "delete the topic " + topic);
	}

	/**
	 * Deletes a topic unless it is gone already.
	 * @param topic the topic
	 */
	void deleteIfExists(String topic) {
		try {
			delete(topic);
		}
		catch (KafkaAccess.KafkaAdminException ex) {
			if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
				throw ex;
			}
		}
	}

	/**
	 * Takes every right on a topic from everybody, at once.
	 * @param topic the topic
	 */
	void deleteAcls(String topic) {
		KafkaAccess.await(this.admin.deleteAcls(List.of(AclFilters.onTopic(topic, null))).all(),
				"delete the ACLs of the topic " + topic);
	}

}
