package org.syndication.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running
 * in a child JVM from the {@code kafka_2.13} artifact on the classpath, or one node of a
 * {@link KafkaClusterProcess}.
 * <p>
 * Unlike an in-process broker it can be taken away and brought back: {@link #stop()} or
 * {@link #kill()}, then {@link #start()} again on the same ports with the same data.
 * Tests should use {@link #onFreePorts(Path)}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private static final String SINGLE_NODE_HEAP = "-Xmx512m";

	private final KafkaQuorum quorum;

	private final KafkaQuorum.Member member;

	private final Path directory;

	private final String maxHeap;

	private final ChildProcess broker;

	private final boolean killOnJvmExit;

	private Thread shutdownHook;

	private boolean startedBefore;

	/**
	 * A broker whose files live in {@code directory}: {@code server.properties}, the
	 * logging configuration, {@code kraft-combined-logs/} (the data) and
	 * {@code broker.log} (its output).
	 * @param port the client port on 127.0.0.1
	 * @param controllerPort the KRaft controller port on 127.0.0.1
	 * @param directory where its configuration and data live
	 */
	public KafkaBrokerProcess(int port, int controllerPort, Path directory) {
		this(port, controllerPort, directory, directory.resolve("broker.log"), true);
	}

	/**
	 * Like {@link #KafkaBrokerProcess(int, int, Path)}, with the broker's output written
	 * to {@code outputFile}.
	 * @param port the client port on 127.0.0.1
	 * @param controllerPort the KRaft controller port on 127.0.0.1
	 * @param directory where its configuration and data live
	 * @param outputFile where its console output goes
	 */
	public KafkaBrokerProcess(int port, int controllerPort, Path directory, Path outputFile) {
		this(port, controllerPort, directory, outputFile, true);
	}

	/**
	 * @param killOnJvmExit whether a JVM shutdown hook kills a broker left running; the
	 * launcher stops its children in order itself and must not race such a hook
	 */
	KafkaBrokerProcess(int port, int controllerPort, Path directory, Path outputFile, boolean killOnJvmExit) {
		this(KafkaQuorum.standalone(port, controllerPort), 1, directory, outputFile, SINGLE_NODE_HEAP, killOnJvmExit);
	}

	/**
	 * One node of a cluster of several.
	 * @param quorum all nodes of the cluster
	 * @param nodeId which of them this one is
	 * @param maxHeap the {@code -Xmx} option of its JVM
	 */
	KafkaBrokerProcess(KafkaQuorum quorum, int nodeId, Path directory, Path outputFile, String maxHeap,
			boolean killOnJvmExit) {
		this.quorum = quorum;
		this.member = quorum.member(nodeId);
		this.directory = directory.toAbsolutePath().normalize();
		this.maxHeap = maxHeap;
		this.killOnJvmExit = killOnJvmExit;
		this.broker = new ChildProcess((quorum.size() == 1) ? "kafka" : "kafka-" + nodeId, brokerCommand(), Map.of(),
				this.directory, outputFile.toAbsolutePath().normalize());
	}

	/**
	 * A broker on two free ports, for tests.
	 * @param directory where its configuration and data live
	 * @return the broker, not started yet
	 */
	public static KafkaBrokerProcess onFreePorts(Path directory) {
		return new KafkaBrokerProcess(FreePorts.find(), FreePorts.find(), directory);
	}

	/**
	 * Starts the broker, formatting its storage on the very first start, and returns once
	 * it answers clients. Starting again after {@link #stop()} or {@link #kill()} keeps
	 * the data.
	 * @throws IllegalStateException if a port is taken or the broker does not come up
	 */
	public synchronized void start() {
		if (this.broker.isAlive()) {
			throw new IllegalStateException("Kafka is already running on " + bootstrapServers());
		}
		FreePorts.requireFree(port(), "a broker");
		FreePorts.requireFree(controllerPort(), "a broker");
		writeConfiguration();
		boolean formatted = formatStorageIfNew();
		this.broker.start(this.startedBefore || formatted);
		this.startedBefore = true;
		registerShutdownHook();
		awaitReady();
	}

	/**
	 * Stops the broker the way an operator would (SIGTERM, controlled shutdown), killing
	 * it only if it does not finish in time.
	 */
	public synchronized void stop() {
		this.broker.stop(STOP_GRACE);
		removeShutdownHook();
	}

	/**
	 * Kills the broker at once, as a crash or power cut would.
	 */
	public synchronized void kill() {
		this.broker.kill();
		removeShutdownHook();
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * @return the value for {@code bootstrap.servers}
	 */
	public String bootstrapServers() {
		return this.member.bootstrapServer();
	}

	public int port() {
		return this.member.port();
	}

	public int controllerPort() {
		return this.member.controllerPort();
	}

	/**
	 * @return its {@code node.id}: 1 for a broker on its own
	 */
	public int nodeId() {
		return this.member.nodeId();
	}

	/**
	 * @return the broker's data directory ({@code log.dirs})
	 */
	public Path logDir() {
		return this.directory.resolve("kraft-combined-logs");
	}

	public Path outputFile() {
		return this.broker.outputFile();
	}

	public boolean isRunning() {
		return this.broker.isAlive();
	}

	/**
	 * @return the broker's process while one was started, alive or not
	 */
	public Optional<ProcessHandle> process() {
		return this.broker.handle();
	}

	/**
	 * @param lines how many
	 * @return the last lines of the broker's output
	 */
	public String outputTail(int lines) {
		return this.broker.tail(lines);
	}

	ChildProcess childProcess() {
		return this.broker;
	}

	boolean isFormatted() {
		// meta.properties marks formatted storage; formatting again would fail, and
		// skipping it is what lets the data survive a restart.
		return Files.exists(logDir().resolve("meta.properties"));
	}

	private List<String> brokerCommand() {
		List<String> command = javaCommand(this.maxHeap);
		command.add("kafka.Kafka");
		command.add(serverProperties().toString());
		return command;
	}

	private List<String> javaCommand(String maxHeap) {
		List<String> command = new ArrayList<>();
		command.add(Jvm.javaExecutable());
		command.add(maxHeap);
		// C1 only: the broker starts in about half the time on a small machine, and a
		// development broker never needs peak throughput.
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Djava.awt.headless=true");
		// Whatever logging backend the classpath brings (log4j2 here, Logback in a Spring
		// Boot test), it gets a quiet configuration instead of its DEBUG default.
		command.add("-Dlog4j2.configurationFile=" + this.directory.resolve("log4j2.xml"));
		command.add("-Dlogback.configurationFile=" + this.directory.resolve("logback.xml"));
		// Kafka logs its own shutdown from its shutdown hook; log4j's hook must not close
		// the logging first.
		command.add("-Dlog4j2.shutdownHookEnabled=false");
		command.add("-cp");
		command.add(Jvm.classpath(KafkaBrokerProcess::belongsOnBrokerClasspath));
		return command;
	}

	private static boolean belongsOnBrokerClasspath(Path entry) {
		// GreenMail's uber jar bundles its own log4j, SLF4J and Jackson; log4j-to-slf4j
		// would take log4j calls away from the log4j-core that Kafka configures itself.
		return !Jvm.jarNamed(entry, "greenmail-standalone") && !Jvm.jarNamed(entry, "log4j-to-slf4j");
	}

	private Path serverProperties() {
		return this.directory.resolve("server.properties");
	}

	private void writeConfiguration() {
		StringBuilder text = new StringBuilder("# Written by local-stack on every start; edits are overwritten.\n");
		configuration()
			.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
		try {
			Files.createDirectories(logDir());
			Files.writeString(serverProperties(), text, StandardCharsets.UTF_8);
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
	Map<String, String> configuration() {
		String listeners = "PLAINTEXT://" + this.member.bootstrapServer() + ",CONTROLLER://"
				+ this.member.controllerEndpoint();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", Integer.toString(nodeId()));
		properties.put("controller.quorum.bootstrap.servers", this.quorum.controllerBootstrapServers());
		properties.put("listeners", listeners);
		properties.put("advertised.listeners", listeners);
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
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
		// name
		// must fail instead of creating a second, uncompacted topic.
		properties.put("auto.create.topics.enable", "false");
		return properties;
	}

	private boolean formatStorageIfNew() {
		if (isFormatted()) {
			return false;
		}
		List<String> command = javaCommand("-Xmx256m");
		command.addAll(List.of("kafka.tools.StorageTool", "format", "--config", serverProperties().toString()));
		command.addAll(this.quorum.formatArguments());
		ChildProcess format = new ChildProcess("kafka-storage-format", command, Map.of(), this.directory,
				this.broker.outputFile());
		int exitCode = format.runToCompletion(Duration.ofSeconds(60));
		if (exitCode != 0) {
			throw new IllegalStateException("Formatting the Kafka storage in " + logDir() + " failed with exit code "
					+ exitCode + ":" + System.lineSeparator() + format.tail(20));
		}
		return true;
	}

	private void awaitReady() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		// A client created before the port listens logs a warning per failed connection.
		while (!FreePorts.accepts(port()) && this.broker.isAlive() && System.nanoTime() < deadline) {
			Pause.briefly();
		}
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				2000, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
		try (Admin admin = Admin.create(config)) {
			while (true) {
				if (!this.broker.isAlive()) {
					throw new IllegalStateException(
							"Kafka exited while starting:" + System.lineSeparator() + this.broker.tail(30));
				}
				try {
					admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
					return;
				}
				catch (ExecutionException | TimeoutException ex) {
					if (System.nanoTime() > deadline) {
						this.broker.kill();
						throw new IllegalStateException("Kafka did not answer on " + bootstrapServers() + " within "
								+ READY_TIMEOUT.toSeconds() + " s:" + System.lineSeparator() + this.broker.tail(30));
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
				}
			}
		}
	}

	private void registerShutdownHook() {
		if (this.killOnJvmExit && this.shutdownHook == null) {
			this.shutdownHook = new Thread(this.broker::kill, "kafka-broker-process-reaper");
			Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		}
	}

	private void removeShutdownHook() {
		if (this.shutdownHook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is already shutting down; the hook is running or has run.
			}
			this.shutdownHook = null;
		}
	}

	static void copyResource(String name, Path target) throws IOException {
		try (InputStream in = KafkaBrokerProcess.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IOException("Resource " + name + " is missing from the local-stack jar");
			}
			Files.write(target, in.readAllBytes());
		}
	}

}
