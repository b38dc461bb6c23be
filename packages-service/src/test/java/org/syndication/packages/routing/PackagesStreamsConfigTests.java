package org.syndication.packages.routing;

import java.util.Properties;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The settings the topology runs with, and those its caller creates the packages' topics
 * with.
 */
class PackagesStreamsConfigTests {

	@Test
	void topologyRunsExactlyOnceWritingGzipBatches() {
		Properties properties = PackagesStreamsConfig.properties("kafka:9092");

		assertThat(properties).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
			.containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "packages-service")
			.containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
			.containsEntry("producer.compression.type", "gzip");
		assertThat(new StreamsConfig(properties).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
			.isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
	}

	@Test
	void packageTopicIsNamedAfterThePackageAndCompactedLikeTheArticlesTopic() {
		assertThat(PackageTopics.of("sport")).isEqualTo("articles.pkg.sport");
		assertThat(PackageTopics.packageTopicConfig()).containsOnly(
				entry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
				entry(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "604800000"),
				entry(TopicConfig.COMPRESSION_TYPE_CONFIG, "gzip"));
	}

}
