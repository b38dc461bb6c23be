package org.syndication.packages.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.syndication.packages.routing.PackagesStreamsConfig;
import org.syndication.packages.routing.PackagesTopology;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packages topology in this process, as the service runs it: its own settings
 * ({@link PackagesStreamsConfig}, exactly once, one stream thread), a state directory of
 * its own, and the service's Kafka user with the ACLs the local stack grants it.
 */
final class TopologyRun {

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private final Properties properties;

	private final Map<String, Object> adminConfig;

	/**
	 * @param serviceConfig the settings of a client that logs in as packages-service
	 * @param adminConfig the settings of an administrator's client, which reads the
	 * topology's committed offsets
	 * @param stateDir the topology's state directory
	 */
	TopologyRun(Map<String, Object> serviceConfig, Map<String, Object> adminConfig, Path stateDir) {
		this.adminConfig = adminConfig;
		this.properties = PackagesStreamsConfig
			.properties((String) serviceConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
		for (String name : new String[] { CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SaslConfigs.SASL_MECHANISM,
				SaslConfigs.SASL_JAAS_CONFIG }) {
			this.properties.put(name, serviceConfig.get(name));
		}
		this.properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
	}

	/**
	 * Runs the topology on an empty articles topic until every task routes by every
	 * package defined, then closes it, keeping its state. A topology that starts on a
	 * backlog with packages it has not applied yet routes nothing until its first
	 * punctuation applies them, and fills them from its back-catalogue instead, sending
	 * some articles twice: that is the start of a new package, not the routing that is
	 * measured.
	 * @param packages how many packages are defined
	 */
	void applyDefinitions(int packages) throws InterruptedException {
		try (KafkaStreams streams = new KafkaStreams(PackagesTopology.topology(), this.properties)) {
			AtomicReference<Throwable> failure = watch(streams, new AtomicLong());
			streams.start();
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (appliedAndFilled(streams) < packages * BenchmarkTopics.PARTITIONS) {
				failIf(failure, deadline, "apply the package definitions");
				Thread.sleep(50);
			}
			// Kafka Streams stays in its group on close by default, and the next start
			// would wait for this member's session to time out (45 s) before it got any
			// partition.
			streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
				.withTimeout(Duration.ofMinutes(1)));
		}
	}

	/**
	 * Starts the topology and times it until its committed offsets reach the end of the
	 * articles topic. Offsets and outputs commit in one transaction, so by then every
	 * record it sends for them is committed.
	 * @param ends per partition of the articles topic, the offset after its last record
	 * @return the seconds from {@code start()} to then, and to the state RUNNING
	 */
	Timing run(Map<TopicPartition, Long> ends) throws Exception {
		AtomicLong running = new AtomicLong();
		try (Admin admin = Admin.create(this.adminConfig);
				KafkaStreams streams = new KafkaStreams(PackagesTopology.topology(), this.properties)) {
			AtomicReference<Throwable> failure = watch(streams, running);
			long start = System.nanoTime();
			streams.start();
			long deadline = start + TIMEOUT.toNanos();
			while (!committed(admin, ends)) {
				failIf(failure, deadline, "route the articles");
				Thread.sleep(20);
			}
			long end = System.nanoTime();
			streams.close(Duration.ofMinutes(1));
			return new Timing((end - start) / 1e9, (running.get() - start) / 1e9);
		}
	}

	private AtomicReference<Throwable> watch(KafkaStreams streams, AtomicLong running) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		streams.setUncaughtExceptionHandler((exception) -> {
			failure.compareAndSet(null, exception);
			return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
		});
		streams.setStateListener((now, before) -> {
			if (now == KafkaStreams.State.RUNNING) {
				running.compareAndSet(0, System.nanoTime());
			}
		});
		return failure;
	}

	private static void failIf(AtomicReference<Throwable> failure, long deadline, String what) {
		if (failure.get() != null) {
			throw new IllegalStateException("The topology failed to " + what, failure.get());
		}
		if (System.nanoTime() > deadline) {
			throw new IllegalStateException(
					"The topology did not " + what + " within " + TIMEOUT.toMinutes() + " minutes");
		}
	}

	/** How many of the tasks' applied definitions are done filling. */
	private static int appliedAndFilled(KafkaStreams streams) {
		if (streams.state() != KafkaStreams.State.RUNNING) {
			return 0;
		}
		JsonMapper json = JsonMapper.builder().build();
		int filled = 0;
		try {
			ReadOnlyKeyValueStore<String, byte[]> applied = streams.store(StoreQueryParameters
				.fromNameAndType(PackagesTopology.APPLIED_STORE, QueryableStoreTypes.keyValueStore()));
			try (KeyValueIterator<String, byte[]> entries = applied.all()) {
				while (entries.hasNext()) {
					KeyValue<String, byte[]> entry = entries.next();
					JsonNode fill = json.readTree(entry.value).path("fill");
					if (fill.isNull() || fill.isMissingNode()) {
						filled++;
					}
				}
			}
		}
		catch (InvalidStateStoreException ex) {
			// Still starting or rebalancing: asked again.
			return 0;
		}
		return filled;
	}

	private static boolean committed(Admin admin, Map<TopicPartition, Long> ends) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> offsets = admin
			.listConsumerGroupOffsets(PackagesStreamsConfig.APPLICATION_ID)
			.partitionsToOffsetAndMetadata()
			.get();
		return ends.entrySet().stream().allMatch((end) -> {
			OffsetAndMetadata offset = offsets.get(end.getKey());
			return offset != null && offset.offset() >= end.getValue();
		});
	}

}
