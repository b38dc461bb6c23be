package org.syndication.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.syndication.events.ArticleEventHeaders;

/** The {@code articles} topic on a benchmark's own broker. */
public final class ArticlesTopic {

	/** As many as publisher-service declares. */
	public static final int PARTITIONS = 3;

	private ArticlesTopic() {
	}

	/**
	 * Creates the topic as publisher-service's {@code KafkaConfiguration} declares it:
	 * compacted, three partitions.
	 * @param clientConfig a client's configuration, of a user allowed to create it
	 */
	public static void create(Map<String, Object> clientConfig) throws Exception {
		try (Admin admin = Admin.create(clientConfig)) {
			admin.createTopics(List.of(new NewTopic(ArticleEventHeaders.TOPIC, PARTITIONS, (short) 1)
				.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
						TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "604800000"))))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

}
