package org.syndication.localstack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * Waiting for Kafka to come up, as its administrator: a node that answers clients, and a
 * cluster that lists every node as a live broker.
 */
final class KafkaReadiness {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private KafkaReadiness() {
	}

	/**
	 * The administrator's client settings, quick to fail so that waiting loops go round.
	 * @param clientConfig the administrator's client settings
	 * @return a copy with short timeouts
	 */
	static Map<String, Object> quickToFail(Map<String, Object> clientConfig) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
		config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
		return config;
	}

	/**
	 * Returns once the node answers its administrator.
	 * @param broker the node's process, just started
	 * @param node the node
	 * @param adminConfig the administrator's settings, {@link #quickToFail quick to fail}
	 * @throws IllegalStateException if the node exits, refuses the administrator or does
	 * not answer in time; then it is killed
	 */
	static void awaitAnswering(ChildProcess broker, KafkaNodeConfig node, Map<String, Object> adminConfig) {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		// A client created before the port listens logs a warning per failed connection.
		while (!FreePorts.accepts(node.member().port()) && broker.isAlive() && System.nanoTime() < deadline) {
			Pause.briefly();
		}
		try (Admin admin = Admin.create(adminConfig)) {
			while (true) {
				if (!broker.isAlive()) {
					throw new IllegalStateException(
							"Kafka exited while starting:" + System.lineSeparator() + broker.tail(30));
				}
				try {
					admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
					return;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof SaslAuthenticationException) {
						broker.kill();
						throw new IllegalStateException("Kafka refused the administrator's password: the storage in "
								+ node.logDir() + " was formatted with other credentials, or before Kafka required "
								+ "them. Delete " + node.directory() + " to start afresh (its topics and consumer "
								+ "offsets go with it).");
					}
					failIfLate(deadline, broker, node);
				}
				catch (TimeoutException ex) {
					failIfLate(deadline, broker, node);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
				}
			}
		}
	}

	private static void failIfLate(long deadline, ChildProcess broker, KafkaNodeConfig node) {
		if (System.nanoTime() > deadline) {
			broker.kill();
			throw new IllegalStateException("Kafka did not answer on " + node.member().bootstrapServer() + " within "
					+ READY_TIMEOUT.toSeconds() + " s:" + System.lineSeparator() + broker.tail(30));
		}
	}

	/**
	 * Returns once the cluster lists every node as a live broker.
	 * @param adminConfig the administrator's settings, {@link #quickToFail quick to fail}
	 * @param bootstrapServers every node
	 * @param expected the node ids
	 * @throws IllegalStateException if it does not in time
	 */
	static void awaitRegistered(Map<String, Object> adminConfig, String bootstrapServers, List<Integer> expected) {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		Map<String, Object> config = new HashMap<>(adminConfig);
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		List<Integer> registered = List.of();
		try (Admin admin = Admin.create(config)) {
			while (System.nanoTime() < deadline) {
				try {
					registered = admin.describeCluster()
						.nodes()
						.get(2, TimeUnit.SECONDS)
						.stream()
						.map(Node::id)
						.sorted()
						.toList();
					if (registered.containsAll(expected)) {
						return;
					}
				}
				catch (ExecutionException | TimeoutException ex) {
					// Not answering yet: the controllers may still be electing a leader.
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for the Kafka cluster", ex);
				}
				Pause.briefly();
			}
		}
		throw new IllegalStateException("The Kafka cluster on " + bootstrapServers + " lists the brokers " + registered
				+ " instead of " + expected + " after " + READY_TIMEOUT.toSeconds() + " s");
	}

}
