package org.syndication.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaClusterProcessTests {

	private static final String TOPIC = "articles";

	private static final int PARTITIONS = 3;

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	// Enough for several batches in flight per partition, where retries after the crash
	// could write duplicates without idempotence; few enough not to starve the nodes.
	private static final int IN_FLIGHT = 10;

	@TempDir
	Path directory;

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void writesAndReadsGoOnWhileALeaderCrashesAndTheNodeRejoinsTheInSyncReplicas() throws Exception {
		try (KafkaClusterProcess cluster = KafkaClusterProcess.onFreePorts(this.directory, 3);
				Admin admin = Admin.create(with(cluster.clientConfig(KafkaCredentials.ADMIN),
						AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
			assertThat(cluster.nodes()).flatExtracting(KafkaBrokerProcess::port, KafkaBrokerProcess::controllerPort)
				.doesNotContain(9092, 9093)
				.doesNotHaveDuplicates();
			cluster.start();
			assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).extracting(Node::id)
				.containsExactlyInAnyOrder(1, 2, 3);
			admin
				.createTopics(
						Set.of(new NewTopic(TOPIC, PARTITIONS, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
				.all()
				.get(30, TimeUnit.SECONDS);
			// Brokers learn of a new topic from the controller a moment after it exists.
			awaitEveryPartitionInSyncOnAllNodes(admin);
			int crashed = describeTopic(admin).partitions().get(0).leader().id();

			// The publisher's own user writes, through brokers that replicate to each
			// other
			// over SASL; the administrator reads, with no consumer group to need an ACL.
			try (ProducingLoop producer = new ProducingLoop(cluster.clientConfig(KafkaCredentials.PUBLISHER));
					ConsumingLoop consumer = new ConsumingLoop(cluster.clientConfig(KafkaCredentials.ADMIN))) {
				producer.awaitAcknowledged(100);
				consumer.awaitReceived(50);

				cluster.node(crashed).kill();
				await().atMost(PATIENCE)
					.ignoreExceptions()
					.until(() -> describeTopic(admin).partitions()
						.stream()
						.noneMatch((partition) -> hasLeaderOrInSyncReplica(partition, crashed)));
				producer.awaitAcknowledged(producer.acknowledged().size() + 100);
				consumer.awaitReceived(producer.acknowledged().size());

				cluster.node(crashed).start();
				producer.awaitAcknowledged(producer.acknowledged().size() + 100);
				Set<String> sent = producer.finish();

				long written = recordsInTopic(admin);
				consumer.awaitReceived(written);
				List<String> received = consumer.finish();
				assertThat(producer.failures()).isEmpty();
				assertThat(written).isEqualTo(sent.size());
				assertThat(received).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
			}
			awaitEveryPartitionInSyncOnAllNodes(admin);
		}
	}

	@Test
	void everyNodeFindsEveryControllerAndAcknowledgedWritesAreOnTwoOfThreeNodes() {
		KafkaClusterProcess cluster = KafkaClusterProcess.onFreePorts(this.directory, 3);
		String controllers = cluster.nodes()
			.stream()
			.map((node) -> "127.0.0.1:" + node.controllerPort())
			.collect(Collectors.joining(","));

		assertThat(cluster.bootstrapServers().split(",")).hasSize(3);
		assertThat(cluster.nodes()).allSatisfy(
				(node) -> assertThat(node.configuration()).containsEntry("node.id", Integer.toString(node.nodeId()))
					.containsEntry("process.roles", "broker,controller")
					.containsEntry("controller.quorum.bootstrap.servers", controllers)
					.containsEntry("offsets.topic.replication.factor", "3")
					.containsEntry("transaction.state.log.replication.factor", "3")
					.containsEntry("transaction.state.log.min.isr", "2")
					.containsEntry("default.replication.factor", "3")
					.containsEntry("min.insync.replicas", "2")
					.doesNotContainKey("controller.quorum.voters"));
	}

	@Test
	void everyNodeAuthenticatesEveryoneAndDeniesWhatNoAclAllows() {
		KafkaClusterProcess cluster = KafkaClusterProcess.onFreePorts(this.directory, 3);

		assertThat(cluster.nodes()).allSatisfy((node) -> assertThat(node.configuration())
			.containsEntry("listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT")
			.containsEntry("inter.broker.listener.name", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
			.containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
			.containsEntry("allow.everyone.if.no.acl.found", "false")
			.containsEntry("super.users", "User:broker;User:admin"));
	}

	static Map<String, Object> with(Map<String, Object> config, String key, Object value) {
		Map<String, Object> all = new HashMap<>(config);
		all.put(key, value);
		return all;
	}

	private static TopicDescription describeTopic(Admin admin) throws Exception {
		return admin.describeTopics(Set.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC);
	}

	private static void awaitEveryPartitionInSyncOnAllNodes(Admin admin) {
		await().atMost(PATIENCE)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(describeTopic(admin).partitions()).hasSize(PARTITIONS)
				.allSatisfy((partition) -> assertThat(partition.isr()).extracting(Node::id)
					.containsExactlyInAnyOrder(1, 2, 3)));
	}

	private static boolean hasLeaderOrInSyncReplica(TopicPartitionInfo partition, int nodeId) {
		return (partition.leader() != null && partition.leader().id() == nodeId)
				|| partition.isr().stream().anyMatch((replica) -> replica.id() == nodeId);
	}

	private static long recordsInTopic(Admin admin) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		return admin.listOffsets(latest)
			.all()
			.get(10, TimeUnit.SECONDS)
			.values()
			.stream()
			.mapToLong((info) -> info.offset())
			.sum();
	}

	private static List<TopicPartition> partitions() {
		return IntStream.range(0, PARTITIONS).mapToObj((partition) -> new TopicPartition(TOPIC, partition)).toList();
	}

	/**
	 * Sends records with unique keys and values as fast as the cluster acknowledges them,
	 * a few at a time, until finished.
	 */
	private static final class ProducingLoop implements AutoCloseable {

		private final KafkaProducer<String, String> producer;

		private final Semaphore unacknowledged = new Semaphore(IN_FLIGHT);

		private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

		private final Collection<Exception> failures = new ConcurrentLinkedQueue<>();

		private final Thread thread;

		private volatile boolean running = true;

		ProducingLoop(Map<String, Object> clientConfig) {
			Map<String, Object> config = new HashMap<>(clientConfig);
			config.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
					ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
					ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
			this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
			this.thread = new Thread(this::produce, "producing-loop");
			this.thread.start();
		}

		private void produce() {
			for (int sequence = 0; this.running; sequence++) {
				String value = "record-" + sequence;
				try {
					this.unacknowledged.acquire();
				}
				catch (InterruptedException ex) {
					return;
				}
				try {
					this.producer.send(new ProducerRecord<>(TOPIC, value, value), (metadata, exception) -> {
						if (exception == null) {
							this.acknowledged.add(value);
						}
						else {
							this.failures.add(exception);
						}
						this.unacknowledged.release();
					});
				}
				catch (KafkaException ex) {
					this.failures.add(ex);
					this.unacknowledged.release();
				}
			}
		}

		Set<String> acknowledged() {
			return this.acknowledged;
		}

		Collection<Exception> failures() {
			return this.failures;
		}

		void awaitAcknowledged(int count) {
			await().atMost(PATIENCE).until(() -> this.acknowledged.size() >= count || !this.failures.isEmpty());
			assertThat(this.failures).isEmpty();
		}

		/**
		 * Stops sending and waits for every record sent to be acknowledged or failed.
		 * @return the values acknowledged
		 */
		Set<String> finish() throws InterruptedException {
			this.running = false;
			this.thread.join(PATIENCE.toMillis());
			this.producer.flush();
			return Set.copyOf(this.acknowledged);
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.interrupt();
			this.thread.join(PATIENCE.toMillis());
			this.producer.close(Duration.ofSeconds(5));
		}

	}

	/**
	 * Reads every partition from the beginning, without a consumer group, and keeps the
	 * values in the order they arrived.
	 */
	private static final class ConsumingLoop implements AutoCloseable {

		private final KafkaConsumer<String, String> consumer;

		private final List<String> received = Collections.synchronizedList(new ArrayList<>());

		private final AtomicReference<Exception> failure = new AtomicReference<>();

		private final Thread thread;

		private volatile boolean running = true;

		ConsumingLoop(Map<String, Object> clientConfig) {
			Map<String, Object> config = with(clientConfig, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
			this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
			this.consumer.assign(partitions());
			this.thread = new Thread(this::consume, "consuming-loop");
			this.thread.start();
		}

		private void consume() {
			try {
				while (this.running) {
					for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
						assertThat(record.key()).isEqualTo(record.value());
						this.received.add(record.value());
					}
				}
			}
			catch (Exception | AssertionError ex) {
				this.failure.set((ex instanceof Exception exception) ? exception : new IllegalStateException(ex));
			}
			finally {
				this.consumer.close(Duration.ofSeconds(5));
			}
		}

		void awaitReceived(long count) {
			await().atMost(PATIENCE).until(() -> this.received.size() >= count || this.failure.get() != null);
			assertThat(this.failure.get()).isNull();
		}

		/**
		 * Stops reading.
		 * @return the values received, in order of arrival
		 */
		List<String> finish() throws InterruptedException {
			close();
			assertThat(this.failure.get()).isNull();
			synchronized (this.received) {
				return List.copyOf(this.received);
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.join(PATIENCE.toMillis());
		}

	}

}
