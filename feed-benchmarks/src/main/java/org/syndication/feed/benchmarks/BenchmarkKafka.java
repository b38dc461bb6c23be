package org.syndication.feed.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.testsupport.ArticlesTopic;
import org.syndication.testsupport.TopicProgress;
import org.syndication.testsupport.TopicWriter;

/**
 * A real broker in its own process, as the local stack runs it (SASL/SCRAM, ACLs), with
 * the {@code articles} topic as the publisher creates it.
 */
final class BenchmarkKafka implements AutoCloseable {

	private final KafkaBrokerProcess broker;

	private BenchmarkKafka(KafkaBrokerProcess broker) {
		this.broker = broker;
	}

	static BenchmarkKafka start(Path directory) throws Exception {
		KafkaBrokerProcess broker = KafkaBrokerProcess.onFreePorts(directory);
		broker.start();
		BenchmarkKafka kafka = new BenchmarkKafka(broker);
		ArticlesTopic.create(broker.clientConfig(KafkaCredentials.PUBLISHER));
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
		try (Admin admin = admin()) {
			return TopicProgress.endOffsets(admin, ArticleEventHeaders.TOPIC, ArticlesTopic.PARTITIONS);
		}
	}

	/** An administrator's client, for looking at a group's committed offsets. */
	Admin admin() {
		return Admin.create(clientConfig(KafkaCredentials.ADMIN));
	}

	/** Whether the group has committed every partition's end offset. */
	static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
		return TopicProgress.behind(admin, group, ends) == 0;
	}

	@Override
	public void close() {
		this.broker.close();
	}

}
