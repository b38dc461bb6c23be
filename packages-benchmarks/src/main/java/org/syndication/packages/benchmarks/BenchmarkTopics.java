package org.syndication.packages.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.packages.definition.PackageDefinition;
import org.syndication.packages.definition.PackageDefinitions;
import org.syndication.packages.routing.PackageTopics;

/**
 * The topics of the routing benchmark, created as the system creates them: the articles
 * topic as the publisher does, the definitions and dead-letter topics, and each package's
 * topic before its definition is written, as the topology requires.
 */
final class BenchmarkTopics {

	/** As many as the publisher gives the articles topic by default. */
	static final int PARTITIONS = 3;

	private static final String WEEK = Long.toString(Duration.ofDays(7).toMillis());

	private final Map<String, Object> adminConfig;

	BenchmarkTopics(Map<String, Object> adminConfig) {
		this.adminConfig = adminConfig;
	}

	/** The articles, definitions and dead-letter topics. */
	void createInputs() throws ExecutionException, InterruptedException {
		create(List.of(
				new NewTopic(ArticleEventHeaders.TOPIC, PARTITIONS, (short) 1)
					.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
							TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, WEEK, TopicConfig.DELETE_RETENTION_MS_CONFIG,
							WEEK, TopicConfig.COMPRESSION_TYPE_CONFIG, "gzip")),
				new NewTopic(PackageDefinitions.TOPIC, 1, (short) 1)
					.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
				new NewTopic(PackageTopics.DEAD_LETTER_TOPIC, PARTITIONS, (short) 1)));
	}

	/**
	 * Creates each package's topic, then writes its definition, one package after
	 * another.
	 * @param definitions the packages
	 */
	void define(List<PackageDefinition> definitions) throws ExecutionException, InterruptedException {
		Map<String, Object> config = new HashMap<>(this.adminConfig);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			for (PackageDefinition definition : definitions) {
				create(List.of(packageTopic(PackageTopics.of(definition.name()))));
				producer
					.send(new ProducerRecord<>(PackageDefinitions.TOPIC, definition.name(),
							PackageDefinitions.write(definition)))
					.get();
			}
		}
	}

	/**
	 * Topics configured as the packages' topics, for the plain loop to write to.
	 * @param prefix what their names start with; each package's name follows
	 * @param names the packages
	 * @return the topics by package name
	 */
	Map<String, String> createLikePackages(String prefix, List<String> names)
			throws ExecutionException, InterruptedException {
		Map<String, String> topics = new LinkedHashMap<>();
		List<NewTopic> created = new ArrayList<>();
		for (String name : names) {
			topics.put(name, prefix + name);
			created.add(packageTopic(prefix + name));
		}
		create(created);
		return topics;
	}

	/**
	 * @return the topology's topics by package name
	 */
	static Map<String, String> packageTopics(List<String> names) {
		Map<String, String> topics = new LinkedHashMap<>();
		names.forEach((name) -> topics.put(name, PackageTopics.of(name)));
		return topics;
	}

	private static NewTopic packageTopic(String name) {
		return new NewTopic(name, PARTITIONS, (short) 1).configs(PackageTopics.packageTopicConfig());
	}

	private void create(List<NewTopic> topics) throws ExecutionException, InterruptedException {
		try (Admin admin = Admin.create(this.adminConfig)) {
			admin.createTopics(topics).all().get();
		}
	}

}
