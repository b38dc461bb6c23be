package org.syndication.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running
 * in a child JVM from the {@code kafka_2.13} artifact on the classpath, or one node of a
 * {@link KafkaClusterProcess}.
 * <p>
 * Unlike an in-process broker it can be taken away and brought back: {@link #stop()} or
 * {@link #kill()}, then {@link #start()} again on the same ports with the same data.
 * Tests should use {@link #onFreePorts(Path)}.
 * <p>
 * Nobody uses it anonymously: clients and the other brokers authenticate with
 * SASL/SCRAM-SHA-512 as one of the users of its {@link #credentials()}, the controllers
 * with SASL/PLAIN, and Kafka's {@code StandardAuthorizer} allows each user what
 * {@link KafkaAccess} grants and nothing more.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private static final String SINGLE_NODE_HEAP = "-Xmx512m";

	/** The name of the listener for clients and for the other brokers. */
	static final String CLIENT_LISTENER = "SASL_PLAINTEXT";

	/**
	 * How long an authenticated session lasts before it must authenticate again: the
	 * longest a revoked user's open connection survives.
	 */
	static final Duration SESSION_LIFETIME = Duration.ofMinutes(1);

	private final KafkaQuorum quorum;

	private final KafkaQuorum.Member member;

	private final Path directory;

	private final String maxHeap;

	private final KafkaCredentials credentials;

	private final Duration sessionLifetime;

	private final ChildProcess broker;

	private final boolean killOnJvmExit;

	private Thread shutdownHook;

	private boolean startedBefore;

	/**
	 * A broker whose files live in {@code directory}: {@code server.properties}, the
	 * logging configuration, {@code kraft-combined-logs/} (the data) and
	 * {@code broker.log} (its output), with new random passwords for its users.
	 * @param port the client port on 127.0.0.1
	 * @param controllerPort the KRaft controller port on 127.0.0.1
	 * @param directory where its configuration and data live
	 */
	public KafkaBrokerProcess(int port, int controllerPort, Path directory) {
		this(KafkaQuorum.standalone(port, controllerPort), 1, directory, directory.resolve("broker.log"),
				SINGLE_NODE_HEAP, KafkaCredentials.generate(), SESSION_LIFETIME, true);
	}

	/**
	 * @param credentials the passwords of its users; the storage is formatted with them
	 * @param sessionLifetime {@code connections.max.reauth.ms}
	 * @param killOnJvmExit whether a JVM shutdown hook kills a broker left running; the
	 * launcher stops its children in order itself and must not race such a hook
	 */
	KafkaBrokerProcess(int port, int controllerPort, Path directory, Path outputFile, KafkaCredentials credentials,
			Duration sessionLifetime, boolean killOnJvmExit) {
		this(KafkaQuorum.standalone(port, controllerPort), 1, directory, outputFile, SINGLE_NODE_HEAP, credentials,
				sessionLifetime, killOnJvmExit);
	}

	/**
	 * One node of a cluster of several.
	 * @param quorum all nodes of the cluster
	 * @param nodeId which of them this one is
	 * @param maxHeap the {@code -Xmx} option of its JVM
	 */
	KafkaBrokerProcess(KafkaQuorum quorum, int nodeId, Path directory, Path outputFile, String maxHeap,
			KafkaCredentials credentials, Duration sessionLifetime, boolean killOnJvmExit) {
		this.quorum = quorum;
		this.member = quorum.member(nodeId);
		this.directory = directory.toAbsolutePath().normalize();
		this.maxHeap = maxHeap;
		this.credentials = credentials;
		this.sessionLifetime = sessionLifetime;
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
		return onFreePorts(directory, SESSION_LIFETIME);
	}

	/**
	 * A broker on two free ports whose sessions must authenticate again after
	 * {@code sessionLifetime}, for tests of a credential that changes while clients are
	 * connected.
	 * @param directory where its configuration and data live
	 * @param sessionLifetime its {@code connections.max.reauth.ms}
	 * @return the broker, not started yet
	 */
	public static KafkaBrokerProcess onFreePorts(Path directory, Duration sessionLifetime) {
		return new KafkaBrokerProcess(FreePorts.find(), FreePorts.find(), directory, directory.resolve("broker.log"),
				KafkaCredentials.generate(), sessionLifetime, true);
	}

	/**
	 * Starts the broker, formatting its storage on the very first start, and returns once
	 * it answers clients and, if it is a cluster of its own, once the services' users and
	 * ACLs are in place. Starting again after {@link #stop()} or {@link #kill()} keeps
	 * the data.
	 * @throws IllegalStateException if a port is taken or the broker does not come up
	 */
	public synchronized void start() {
		startNode();
		if (this.quorum.size() == 1) {
			grantServices();
		}
	}

	/**
	 * Starts this node and returns once it answers clients.
	 */
	synchronized void startNode() {
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

	/**
	 * @return the passwords of the users it was started with
	 */
	public KafkaCredentials credentials() {
		return this.credentials;
	}

	/**
	 * @param user one of the users of its {@link #credentials()}
	 * @return the settings of a client of that user: bootstrap servers and SASL
	 */
	public Map<String, Object> clientConfig(String user) {
		return this.credentials.user(user).clientConfig(bootstrapServers());
	}

	/**
	 * Gives the services their users and ACLs, as an administrator would.
	 */
	void grantServices() {
		try (Admin admin = Admin.create(adminConfig())) {
			KafkaAccess.grantServices(admin, this.credentials);
		}
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
	Map<String, String> configuration() {
		String listeners = CLIENT_LISTENER + "://" + this.member.bootstrapServer() + ",CONTROLLER://"
				+ this.member.controllerEndpoint();
		KafkaUser broker = this.credentials.broker();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", Integer.toString(nodeId()));
		properties.put("controller.quorum.bootstrap.servers", this.quorum.controllerBootstrapServers());
		properties.put("listeners", listeners);
		properties.put("advertised.listeners", listeners);
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("inter.broker.listener.name", CLIENT_LISTENER);
		properties.put("listener.security.protocol.map",
				"CONTROLLER:SASL_PLAINTEXT," + CLIENT_LISTENER + ":SASL_PLAINTEXT");
		// Clients and the other brokers authenticate with SCRAM, whose users live in the
		// cluster metadata. The controllers cannot: they serve that metadata, so their
		// listener uses PLAIN with the one user this file names.
		String clientListener = "listener.name." + CLIENT_LISTENER.toLowerCase(Locale.ROOT) + ".";
		properties.put(clientListener + "sasl.enabled.mechanisms", KafkaUser.MECHANISM);
		properties.put(clientListener + KafkaUser.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
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
		// The brokers and the administrator exist from the start: the brokers need their
		// user to reach each other, and only an authenticated administrator can add
		// users.
		for (KafkaUser user : List.of(this.credentials.broker(), this.credentials.admin())) {
			command.add("--add-scram");
			command.add(KafkaUser.MECHANISM + "=[name=" + user.name() + ",password=" + user.password() + ",iterations="
					+ KafkaAccess.SCRAM_ITERATIONS + "]");
		}
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
		try (Admin admin = Admin.create(adminConfig())) {
			while (true) {
				if (!this.broker.isAlive()) {
					throw new IllegalStateException(
							"Kafka exited while starting:" + System.lineSeparator() + this.broker.tail(30));
				}
				try {
					admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
					return;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof SaslAuthenticationException) {
						this.broker.kill();
						throw new IllegalStateException("Kafka refused the administrator's password: the storage in "
								+ logDir() + " was formatted with other credentials, or before Kafka required them. "
								+ "Delete " + this.directory + " to start afresh (its topics and consumer offsets "
								+ "go with it).");
					}
					failIfLate(deadline);
				}
				catch (TimeoutException ex) {
					failIfLate(deadline);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
				}
			}
		}
	}

	private void failIfLate(long deadline) {
		if (System.nanoTime() > deadline) {
			this.broker.kill();
			throw new IllegalStateException("Kafka did not answer on " + bootstrapServers() + " within "
					+ READY_TIMEOUT.toSeconds() + " s:" + System.lineSeparator() + this.broker.tail(30));
		}
	}

	/**
	 * The administrator's client settings, quick to fail so that waiting loops go round.
	 */
	Map<String, Object> adminConfig() {
		Map<String, Object> config = new HashMap<>(clientConfig(KafkaCredentials.ADMIN));
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
		config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
		return config;
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
