package org.syndication.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster of several nodes, each a {@link KafkaBrokerProcess} (broker and
 * KRaft controller in one child JVM), for tests that take a node away while clients go
 * on.
 * <p>
 * Every node is a voter of the controller quorum, so a majority of them must run. With
 * three nodes, internal topics have three replicas and every write acknowledged with
 * {@code acks=all} is on at least two ({@code min.insync.replicas=2}): one node can be
 * killed, and started again through {@link #node(int)}, while producers and consumers
 * carry on. The nodes' storage is formatted on the first start; the ports are part of it,
 * so only this object can start the cluster again.
 */
public final class KafkaClusterProcess implements AutoCloseable {

	// Three nodes and the tests' own JVM share a small machine.
	private static final String NODE_HEAP = "-Xmx384m";

	private final KafkaQuorum quorum;

	private final List<KafkaBrokerProcess> nodes;

	private final KafkaCredentials credentials;

	KafkaClusterProcess(KafkaQuorum quorum, Path directory, KafkaCredentials credentials, Duration sessionLifetime) {
		this.quorum = quorum;
		this.credentials = credentials;
		Path root = directory.toAbsolutePath().normalize();
		List<KafkaBrokerProcess> nodes = new ArrayList<>();
		for (KafkaQuorum.Member member : quorum.members()) {
			Path nodeDirectory = root.resolve("node-" + member.nodeId());
			nodes.add(new KafkaBrokerProcess(new KafkaNodeConfig(quorum, member.nodeId(), nodeDirectory, NODE_HEAP,
					credentials, sessionLifetime), nodeDirectory.resolve("broker.log"), true));
		}
		this.nodes = List.copyOf(nodes);
	}

	/**
	 * A cluster on free ports, for tests, with node ids 1 to {@code nodes}.
	 * @param directory where the nodes' configuration and data live, one directory each
	 * @param nodes how many nodes
	 * @return the cluster, not started yet
	 */
	public static KafkaClusterProcess onFreePorts(Path directory, int nodes) {
		if (nodes < 1) {
			throw new IllegalArgumentException("A Kafka cluster needs at least one node, not " + nodes);
		}
		// FreePorts.find() may hand out a port twice once its socket is closed.
		Set<Integer> ports = new LinkedHashSet<>();
		while (ports.size() < 2 * nodes) {
			ports.add(FreePorts.find());
		}
		List<Integer> free = List.copyOf(ports);
		List<KafkaQuorum.Member> members = new ArrayList<>();
		for (int i = 0; i < nodes; i++) {
			members.add(new KafkaQuorum.Member(i + 1, free.get(2 * i), free.get(2 * i + 1), Uuid.randomUuid()));
		}
		return new KafkaClusterProcess(KafkaQuorum.withNewClusterId(members), directory, KafkaCredentials.generate(),
				KafkaBrokerProcess.SESSION_LIFETIME);
	}

	/**
	 * Starts every node that is not running, all at once (one alone cannot come up
	 * without a majority of the controllers), formatting their storage on the very first
	 * start, and returns once the cluster lists every node as a live broker and the
	 * services' users and ACLs are in place.
	 * @throws IllegalStateException if a node does not come up; the nodes this call
	 * started are killed again
	 */
	public synchronized void start() {
		requireStorageOfOneCluster();
		List<KafkaBrokerProcess> stopped = this.nodes.stream().filter((node) -> !node.isRunning()).toList();
		if (!stopped.isEmpty()) {
			try {
				onEachAtOnce(stopped, KafkaBrokerProcess::startNode);
			}
			catch (RuntimeException ex) {
				stopped.forEach(KafkaBrokerProcess::kill);
				throw ex;
			}
		}
		awaitAllNodesRegistered();
		this.nodes.get(0).grantServices();
	}

	/**
	 * Stops every node the way an operator would (SIGTERM, controlled shutdown), all at
	 * once: stopped one by one, the last would wait for a controller majority that is
	 * already gone.
	 */
	public synchronized void stop() {
		onEachAtOnce(this.nodes, KafkaBrokerProcess::stop);
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * One node, to kill, stop or start on its own. Started again, it rejoins the cluster
	 * with its data.
	 * @param nodeId its {@code node.id}, from 1 to the number of nodes
	 * @return the node
	 */
	public KafkaBrokerProcess node(int nodeId) {
		return this.nodes.stream()
			.filter((node) -> node.nodeId() == nodeId)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"No node " + nodeId + " in a cluster of " + this.nodes.size() + " nodes"));
	}

	/**
	 * @return every node, by node id
	 */
	public List<KafkaBrokerProcess> nodes() {
		return this.nodes;
	}

	/**
	 * @return the value for {@code bootstrap.servers}, every node, so that clients find
	 * the cluster whichever node is down
	 */
	public String bootstrapServers() {
		return this.quorum.bootstrapServers();
	}

	/**
	 * @return the passwords of the users every node was started with
	 */
	public KafkaCredentials credentials() {
		return this.credentials;
	}

	/**
	 * @param user one of the users of its {@link #credentials()}
	 * @return the settings of a client of that user: every node, and SASL
	 */
	public Map<String, Object> clientConfig(String user) {
		return this.credentials.user(user).clientConfig(bootstrapServers());
	}

	/**
	 * @return the replicas that internal topics get and that a topic created without a
	 * replication factor gets: one per node, up to three
	 */
	public int replicationFactor() {
		return this.quorum.replicationFactor();
	}

	/**
	 * @return the brokers' {@code min.insync.replicas}: two of three, one otherwise
	 */
	public int minInsyncReplicas() {
		return this.quorum.minInsyncReplicas();
	}

	private void requireStorageOfOneCluster() {
		// A node formatted anew next to formatted ones would get another cluster id and
		// never join them.
		long formatted = this.nodes.stream().filter(KafkaBrokerProcess::isFormatted).count();
		if (formatted != 0 && formatted != this.nodes.size()) {
			throw new IllegalStateException("Only " + formatted + " of " + this.nodes.size()
					+ " Kafka nodes have formatted storage; delete the cluster's directory to start afresh: "
					+ this.nodes.stream().map((node) -> node.logDir().toString()).collect(Collectors.joining(", ")));
		}
	}

	private static void onEachAtOnce(List<KafkaBrokerProcess> nodes, Consumer<KafkaBrokerProcess> action) {
		ExecutorService executor = Executors.newFixedThreadPool(nodes.size(),
				Futures.daemonThreads("kafka-cluster-process"));
		try {
			Futures.joinAll(nodes.stream()
				.map((node) -> CompletableFuture.runAsync(() -> action.accept(node), executor))
				.toList());
		}
		finally {
			executor.shutdownNow();
		}
	}

	private void awaitAllNodesRegistered() {
		KafkaReadiness.awaitRegistered(this.nodes.get(0).adminConfig(), bootstrapServers(),
				this.nodes.stream().map(KafkaBrokerProcess::nodeId).toList());
	}

}
