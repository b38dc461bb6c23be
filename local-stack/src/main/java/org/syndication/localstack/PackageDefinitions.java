package org.syndication.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packages' definitions on their compacted topic
 * ({@value Packages#DEFINITIONS_TOPIC}), as JSON by package name, which the packages
 * service reads; a tombstone removes one.
 */
final class PackageDefinitions {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Admin admin;

	private final Supplier<Producer<String, byte[]>> producers;

	private final Supplier<Consumer<String, byte[]>> consumers;

	/**
	 * @param admin a client of a super user ({@code admin})
	 * @param producers new producers as the administrator
	 * @param consumers new consumers as the administrator, in no group, reading committed
	 * records
	 */
	PackageDefinitions(Admin admin, Supplier<Producer<String, byte[]>> producers,
			Supplier<Consumer<String, byte[]>> consumers) {
		this.admin = admin;
		this.producers = producers;
		this.consumers = consumers;
	}

	/**
	 * @return the definitions on the topic, the latest of each name, without the removed
	 */
	Map<String, Packages.Definition> read() {
		Set<String> topics = KafkaAccess.await(this.admin.listTopics().names(), "list the topics");
		Map<String, Packages.Definition> definitions = new TreeMap<>();
		if (!topics.contains(Packages.DEFINITIONS_TOPIC)) {
			return definitions;
		}
		TopicPartition partition = new TopicPartition(Packages.DEFINITIONS_TOPIC, 0);
		try (Consumer<String, byte[]> consumer = this.consumers.get()) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (consumer.position(partition) < end) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException(
							"Could not read " + Packages.DEFINITIONS_TOPIC + " within " + READ_TIMEOUT);
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.value() == null) {
						definitions.remove(record.key());
					}
					else {
						definitions.put(record.key(), JSON.readValue(record.value(), Packages.Definition.class));
					}
				}
			}
		}
		return definitions;
	}

	/**
	 * Writes a package's definition, replacing the one it had.
	 * @param definition the package's definition, valid
	 */
	void put(Packages.Definition definition) {
		write(definition.name(), JSON.writeValueAsBytes(definition));
	}

	/**
	 * Removes a package's definition.
	 * @param name the package's name
	 */
	void remove(String name) {
		write(name, null);
	}

	/**
	 * Creates the definitions' topic unless it exists.
	 * @param replicas its replication factor
	 */
	void ensureTopic(short replicas) {
		Set<String> topics = KafkaAccess.await(this.admin.listTopics().names(), "list the topics");
		if (!topics.contains(Packages.DEFINITIONS_TOPIC)) {
			KafkaAccess.await(
					this.admin
						.createTopics(List.of(new NewTopic(Packages.DEFINITIONS_TOPIC, 1, replicas)
							.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
						.all(),
					"create the topic " + Packages.DEFINITIONS_TOPIC);
		}
	}

	private void write(String name, byte[] value) {
		try (Producer<String, byte[]> producer = this.producers.get()) {
			KafkaAccess.await(producer.send(new ProducerRecord<>(Packages.DEFINITIONS_TOPIC, name, value)),
					"write the definition of package " + name);
		}
	}

}
