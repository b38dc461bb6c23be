package org.syndication.packages.routing;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;
import org.syndication.events.ArticleEventHeaders;

/**
 * The topics the topology writes to. It creates none of them: a package's topic must
 * exist before the package is defined, or the records bound for it fail the task.
 */
public final class PackageTopics {

	/** What a package's topic name starts with; the package's name follows. */
	public static final String PREFIX = ArticleEventHeaders.TOPIC + ".pkg.";

	/**
	 * Where a record of the articles topic goes when its value cannot be read, with its
	 * key, value and headers, and headers that tell why and where it came from.
	 */
	public static final String DEAD_LETTER_TOPIC = "articles.packages-service.dlq";

	/** The header of a dead letter that names the failure's class and message. */
	public static final String ERROR_HEADER = "packages.error";

	/**
	 * The header of a dead letter that names the topic, partition and offset it came
	 * from.
	 */
	public static final String ORIGIN_HEADER = "packages.error.origin";

	private PackageTopics() {
	}

	/**
	 * The topic of a package.
	 * @param packageName the package's name
	 * @return for example {@code articles.pkg.sport}
	 */
	public static String of(String packageName) {
		return PREFIX + packageName;
	}

	/**
	 * The configuration a package's topic is created with, as the articles topic's: a
	 * partner bootstraps every current article of the package from offset 0, a week of
	 * history stays, and the batches are gzip, which every partner's client reads. Create
	 * it with as many partitions as the articles topic has.
	 * @return the topic configuration
	 */
	public static Map<String, String> packageTopicConfig() {
		return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
				TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis()),
				TopicConfig.COMPRESSION_TYPE_CONFIG, "gzip");
	}

}
