package org.syndication.feed.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.testsupport.TopicWriter;

/**
 * A real broker in its own process, as the local stack runs it (SASL/SCRAM, ACLs), with
 * the {@code articles} topic as the publisher creates it.
 */
final class BenchmarkKafka implements AutoCloseable {

	static final int PARTITIONS = 3;

	private final KafkaBrokerProcess broker;

	private BenchmarkKafka(KafkaBrokerProcess broker) {
		this.broker = broker;
	}

	static BenchmarkKafka start(Path directory) throws Exception {
		KafkaBrokerProcess broker = KafkaBrokerProcess.onFreePorts(directory);
		broker.start();
		BenchmarkKafka kafka = new BenchmarkKafka(broker);
		// As publisher-service's KafkaConfiguration declares it: compacted, three
		// partitions.
		try (Admin publisher = Admin.create(broker.clientConfig(KafkaCredentials.PUBLISHER))) {
			publisher.createTopics(List.of(new NewTopic(ArticleEventHeaders.TOPIC, PARTITIONS, (short) 1)
				.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
						TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "604800000"))))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		return kafka;
	}

	String bootstrapServers() {
		return this.broker.bootstrapServers();
	}

	/** The JAAS line of a user, for a service's {@code spring.kafka.properties}. */
	String jaasConfig(String user) {
		return this.broker.credentials().user(user).jaasConfig();
	}

	Map<String, Object> clientConfig(String user) {
		return this.broker.clientConfig(user);
	}

	/**
	 * Writes the events as the publisher does, key and CloudEvents headers, sent without
	 * waiting for each and flushed at the end.
	 * @param traced whether each record carries a sampled {@code traceparent}, as a
	 * traced publisher writes it
	 */
	void write(List<ArticleEvent> events, boolean traced) {
		TopicWriter.sendAll(clientConfig(KafkaCredentials.PUBLISHER), events, traced);
	}

	/** The end offset of every partition of the topic. */
	Map<TopicPartition, Long> endOffsets() throws Exception {
		try (Admin admin = Admin.create(clientConfig(KafkaCredentials.ADMIN))) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int partition = 0; partition < PARTITIONS; partition++) {
				latest.put(new TopicPartition(ArticleEventHeaders.TOPIC, partition), OffsetSpec.latest());
			}
			Map<TopicPartition, Long> ends = new HashMap<>();
			admin.listOffsets(latest)
				.all()
				.get(30, TimeUnit.SECONDS)
				.forEach((partition, info) -> ends.put(partition, info.offset()));
			return ends;
		}
	}

	/** An administrator's client, for looking at a group's committed offsets. */
	Admin admin() {
		return Admin.create(clientConfig(KafkaCredentials.ADMIN));
	}

	/** Whether the group has committed every partition's end offset. */
	static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(30, TimeUnit.SECONDS);
		return ends.entrySet().stream().allMatch((end) -> {
			OffsetAndMetadata offset = committed.get(end.getKey());
			return (offset != null) ? offset.offset() >= end.getValue() : end.getValue() == 0;
		});
	}

	@Override
	public void close() {
		this.broker.close();
	}

}
