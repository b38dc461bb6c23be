package org.syndication.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How one Kafka node is set up: its place in the quorum, its files and the contents of
 * its {@code server.properties}, which {@link #write()} puts on disk before every start.
 *
 * @param quorum all nodes of the cluster
 * @param nodeId which of them this one is
 * @param directory where its configuration and data live
 * @param maxHeap the {@code -Xmx} option of its JVM
 * @param credentials the passwords of its users; the storage is formatted with them
 * @param sessionLifetime {@code connections.max.reauth.ms}
 */
record KafkaNodeConfig(KafkaQuorum quorum, int nodeId, Path directory, String maxHeap, KafkaCredentials credentials,
		Duration sessionLifetime) {

	private static final String SINGLE_NODE_HEAP = "-Xmx512m";

	KafkaNodeConfig {
		quorum.member(nodeId);
		directory = directory.toAbsolutePath().normalize();
	}

	/**
	 * A node that is the whole cluster, with node id 1.
	 * @param port the client port on 127.0.0.1
	 * @param controllerPort the KRaft controller port on 127.0.0.1
	 */
	static KafkaNodeConfig standalone(int port, int controllerPort, Path directory, KafkaCredentials credentials,
			Duration sessionLifetime) {
		return new KafkaNodeConfig(KafkaQuorum.standalone(port, controllerPort), 1, directory, SINGLE_NODE_HEAP,
				credentials, sessionLifetime);
	}

	KafkaQuorum.Member member() {
		return this.quorum.member(this.nodeId);
	}

	/**
	 * @return the broker's data directory ({@code log.dirs})
	 */
	Path logDir() {
		return this.directory.resolve("kraft-combined-logs");
	}

	Path serverProperties() {
		return this.directory.resolve("server.properties");
	}

	boolean isFormatted() {
		// meta.properties marks formatted storage; formatting again would fail, and
		// skipping it is what lets the data survive a restart.
		return Files.exists(logDir().resolve("meta.properties"));
	}

	/**
	 * Writes {@code server.properties} and the logging configuration.
	 */
	void write() {
		StringBuilder text = new StringBuilder("# Written by local-stack on every start; edits are overwritten.\n");
		properties()
			.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
		try {
			Files.createDirectories(logDir());
			Files.writeString(serverProperties(), text, StandardCharsets.UTF_8);
			// It holds the brokers' password.
			ApiToken.restrictToOwner(serverProperties());
			copyResource("kafka-log4j2.xml", this.directory.resolve("log4j2.xml"));
			copyResource("kafka-logback.xml", this.directory.resolve("logback.xml"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the Kafka configuration into " + this.directory, ex);
		}
	}

	/**
	 * @return the contents of {@code server.properties}
	 */
	Map<String, String> properties() {
		KafkaQuorum.Member member = member();
		String clientListener = KafkaBrokerProcess.CLIENT_LISTENER;
		String listeners = clientListener + "://" + member.bootstrapServer() + ",CONTROLLER://"
				+ member.controllerEndpoint();
		KafkaUser broker = this.credentials.broker();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", Integer.toString(this.nodeId));
		properties.put("controller.quorum.bootstrap.servers", this.quorum.controllerBootstrapServers());
		properties.put("listeners", listeners);
		properties.put("advertised.listeners", listeners);
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("inter.broker.listener.name", clientListener);
		properties.put("listener.security.protocol.map",
				"CONTROLLER:SASL_PLAINTEXT," + clientListener + ":SASL_PLAINTEXT");
		// Clients and the other brokers authenticate with SCRAM, whose users live in the
		// cluster metadata. The controllers cannot: they serve that metadata, so their
		// listener uses PLAIN with the one user this file names.
		String clientListenerPrefix = "listener.name." + clientListener.toLowerCase(Locale.ROOT) + ".";
		properties.put(clientListenerPrefix + "sasl.enabled.mechanisms", KafkaUser.MECHANISM);
		properties.put(clientListenerPrefix + KafkaUser.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
				broker.jaasConfig());
		properties.put("sasl.mechanism.inter.broker.protocol", KafkaUser.MECHANISM);
		properties.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
		properties.put("listener.name.controller.plain.sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + broker.name()
						+ "\" password=\"" + broker.password() + "\" user_" + broker.name() + "=\"" + broker.password()
						+ "\";");
		properties.put("sasl.mechanism.controller.protocol", "PLAIN");
		// Whatever no ACL allows is denied; the brokers and the administrator may do
		// everything.
		properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		properties.put("allow.everyone.if.no.acl.found", "false");
		properties.put("super.users", "User:" + KafkaCredentials.BROKER + ";User:" + KafkaCredentials.ADMIN);
		// Every session authenticates again this often, so a revoked user's open
		// connection ends within this time.
		properties.put("connections.max.reauth.ms", Long.toString(this.sessionLifetime.toMillis()));
		properties.put("log.dirs", logDir().toString());
		properties.put("num.partitions", "1");
		// Internal topics cannot have more replicas than there are nodes; with three, an
		// acknowledged write is on two of them and survives losing one.
		String replicationFactor = Integer.toString(this.quorum.replicationFactor());
		String minInsyncReplicas = Integer.toString(this.quorum.minInsyncReplicas());
		properties.put("default.replication.factor", replicationFactor);
		properties.put("offsets.topic.replication.factor", replicationFactor);
		properties.put("transaction.state.log.replication.factor", replicationFactor);
		properties.put("transaction.state.log.min.isr", minInsyncReplicas);
		properties.put("share.coordinator.state.topic.replication.factor", replicationFactor);
		properties.put("share.coordinator.state.topic.min.isr", minInsyncReplicas);
		properties.put("min.insync.replicas", minInsyncReplicas);
		// Fewer partitions make creating __consumer_offsets, on the first consumer group,
		// take a fraction of a second instead of seconds.
		properties.put("offsets.topic.num.partitions", "5");
		// A lone consumer should not wait for others to join.
		properties.put("group.initial.rebalance.delay.ms", "0");
		// After a kill the restarted broker may register only once the controller has
		// given up on its previous incarnation, and in a cluster the others take over its
		// partitions only then: 3 s instead of 9 s. Every node is on the loopback
		// interface, so a short session cannot be lost to the network.
		properties.put("broker.session.timeout.ms", "3000");
		properties.put("broker.heartbeat.interval.ms", "500");
		// The publisher creates the compacted articles topic itself; a typo in a topic
		// name must fail instead of creating a second, uncompacted topic.
		properties.put("auto.create.topics.enable", "false");
		return properties;
	}

	private static void copyResource(String name, Path target) throws IOException {
		try (InputStream in = KafkaNodeConfig.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IOException("Resource " + name + " is missing from the local-stack jar");
			}
			Files.write(target, in.readAllBytes());
		}
	}

}
