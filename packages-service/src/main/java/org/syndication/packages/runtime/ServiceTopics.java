package org.syndication.packages.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.packages.definition.PackageDefinitions;
import org.syndication.packages.routing.PackageTopics;

/**
 * The topics the topology needs before it starts: the articles topic, which the publisher
 * creates, and this service's own two, created here when missing: the packages'
 * definitions (compacted, one partition, so that every instance reads them in the order
 * they were written) and the dead-letter topic. Both are created like the articles topic,
 * with as many replicas; the dead-letter topic with as many partitions.
 */
final class ServiceTopics {

	private static final long TIMEOUT_SECONDS = 30;

	private final Admin admin;

	ServiceTopics(Admin admin) {
		this.admin = admin;
	}

	/**
	 * Creates this service's topics if the articles topic exists.
	 * @return whether the articles topic exists, and so the topology can start
	 */
	boolean prepare() {
		Optional<TopicDescription> articles = describe(ArticleEventHeaders.TOPIC);
		if (articles.isEmpty()) {
			return false;
		}
		int partitions = articles.get().partitions().size();
		short replicas = (short) articles.get().partitions().get(0).replicas().size();
		createIfMissing(new NewTopic(PackageDefinitions.TOPIC, 1, replicas)
			.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
		createIfMissing(new NewTopic(PackageTopics.DEAD_LETTER_TOPIC, partitions, replicas));
		return true;
	}

	private Optional<TopicDescription> describe(String topic) {
		try {
			return Optional.of(this.admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
				.get(topic));
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return Optional.empty();
			}
			throw new IllegalStateException("Cannot describe the topic " + topic + ": " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(
					"Kafka did not describe the topic " + topic + " within " + TIMEOUT_SECONDS + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private void createIfMissing(NewTopic topic) {
		try {
			this.admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			// It exists: created by an earlier start, or by another instance.
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Cannot create the topic " + topic.name() + ": " + ex.getCause(),
						ex.getCause());
			}
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(
					"Kafka did not create the topic " + topic.name() + " within " + TIMEOUT_SECONDS + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
