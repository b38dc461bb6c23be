package org.syndication.localstack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How much history topics keep: a compacted topic's compaction lag, else its retention.
 */
final class TopicHistories {

	private TopicHistories() {
	}

	/**
	 * @param admin a client that may describe the topics' configuration
	 * @param topics the topics
	 * @return each topic's history; null for a topic that keeps everything
	 */
	static Map<String, Duration> of(Admin admin, Set<String> topics) {
		Map<String, Duration> histories = new HashMap<>();
		if (topics.isEmpty()) {
			return histories;
		}
		List<ConfigResource> resources = topics.stream()
			.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
			.toList();
		Map<ConfigResource, Config> configs = KafkaAccess.await(admin.describeConfigs(resources).all(),
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

}
