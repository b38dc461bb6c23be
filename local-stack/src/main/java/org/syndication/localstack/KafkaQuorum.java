package org.syndication.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;

/**
 * The nodes of one KRaft cluster on 127.0.0.1, each a broker and a controller in one
 * process, and what follows from how many there are: the controller quorum every node is
 * formatted with and how often internal and new topics are replicated.
 * <p>
 * The quorum is dynamic (KIP-853): every node finds the controllers through
 * {@code controller.quorum.bootstrap.servers}, and the voters are written into the
 * storage when it is formatted, the same on every node ({@code --initial-controllers}),
 * or as the single voter ({@code --standalone}) when there is one node.
 *
 * @param clusterId the id every node's storage is formatted with
 * @param members the nodes, node ids unique
 */
record KafkaQuorum(String clusterId, List<Member> members) {

	private static final String HOST = "127.0.0.1";

	KafkaQuorum {
		members = List.copyOf(members);
		if (members.isEmpty()) {
			throw new IllegalArgumentException("A Kafka cluster needs at least one node");
		}
		if (members.stream().map(Member::nodeId).distinct().count() != members.size()) {
			throw new IllegalArgumentException("Node ids must be unique: " + members);
		}
	}

	/**
	 * One node that is the whole cluster, with node id 1.
	 * @param port the client port
	 * @param controllerPort the controller port
	 * @return the quorum, with a new cluster id
	 */
	static KafkaQuorum standalone(int port, int controllerPort) {
		return withNewClusterId(List.of(new Member(1, port, controllerPort, Uuid.randomUuid())));
	}

	static KafkaQuorum withNewClusterId(List<Member> members) {
		return new KafkaQuorum(Uuid.randomUuid().toString(), members);
	}

	Member member(int nodeId) {
		return this.members.stream()
			.filter((member) -> member.nodeId() == nodeId)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No node " + nodeId + " in " + this.members));
	}

	int size() {
		return this.members.size();
	}

	/**
	 * Replicas of internal topics and of topics created without a replication factor: one
	 * per node, up to three.
	 */
	int replicationFactor() {
		return Math.min(size(), 3);
	}

	/**
	 * With three replicas an acknowledged write is on two nodes, so one node can be lost
	 * without losing it and without stopping writes.
	 */
	int minInsyncReplicas() {
		return Math.max(1, replicationFactor() - 1);
	}

	String bootstrapServers() {
		return this.members.stream().map(Member::bootstrapServer).collect(Collectors.joining(","));
	}

	String controllerBootstrapServers() {
		return this.members.stream().map(Member::controllerEndpoint).collect(Collectors.joining(","));
	}

	/**
	 * The arguments of {@code kafka-storage format} that every node gets alike: the same
	 * cluster id and the same initial voters, each with the directory id its own node is
	 * formatted with.
	 */
	List<String> formatArguments() {
		List<String> arguments = new ArrayList<>(List.of("--cluster-id", this.clusterId));
		if (size() == 1) {
			arguments.add("--standalone");
		}
		else {
			arguments.add("--initial-controllers");
			arguments.add(this.members.stream().map(Member::initialController).collect(Collectors.joining(",")));
		}
		return arguments;
	}

	/**
	 * @param nodeId the node's {@code node.id}
	 * @param port the client port on 127.0.0.1
	 * @param controllerPort the KRaft controller port on 127.0.0.1
	 * @param directoryId the id of its metadata log directory, chosen before formatting
	 * so that every node can name every voter
	 */
	record Member(int nodeId, int port, int controllerPort, Uuid directoryId) {

		String bootstrapServer() {
			return HOST + ":" + this.port;
		}

		String controllerEndpoint() {
			return HOST + ":" + this.controllerPort;
		}

		String initialController() {
			return this.nodeId + "@" + controllerEndpoint() + ":" + this.directoryId;
		}

	}

}
