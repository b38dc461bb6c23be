package org.syndication.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;

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

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	/** The name of the listener for clients and for the other brokers. */
	static final String CLIENT_LISTENER = "SASL_PLAINTEXT";

	/**
	 * How long an authenticated session lasts before it must authenticate again: the
	 * longest a revoked user's open connection survives.
	 */
	static final Duration SESSION_LIFETIME = Duration.ofMinutes(1);

	private final KafkaNodeConfig node;

	private final ChildProcess broker;

	private final KillOnExit killOnExit;

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
		this(KafkaNodeConfig.standalone(port, controllerPort, directory, KafkaCredentials.generate(), SESSION_LIFETIME),
				directory.resolve("broker.log"), true);
	}

	/**
	 * @param node how the node is set up
	 * @param outputFile where its output goes
	 * @param killOnJvmExit whether a JVM shutdown hook kills a broker left running; the
	 * launcher stops its children in order itself and must not race such a hook
	 */
	KafkaBrokerProcess(KafkaNodeConfig node, Path outputFile, boolean killOnJvmExit) {
		this.node = node;
		this.broker = new ChildProcess((node.quorum().size() == 1) ? "kafka" : "kafka-" + node.nodeId(),
				KafkaCommands.broker(node), Map.of(), node.directory(), outputFile.toAbsolutePath().normalize());
		this.killOnExit = new KillOnExit(this.broker, "kafka-broker-process-reaper", killOnJvmExit);
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
		return new KafkaBrokerProcess(KafkaNodeConfig.standalone(FreePorts.find(), FreePorts.find(), directory,
				KafkaCredentials.generate(), sessionLifetime), directory.resolve("broker.log"), true);
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
		if (this.node.quorum().size() == 1) {
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
		this.node.write();
		boolean formatted = KafkaCommands.formatStorageIfNew(this.node, this.broker.outputFile());
		this.broker.start(this.startedBefore || formatted);
		this.startedBefore = true;
		this.killOnExit.register();
		KafkaReadiness.awaitAnswering(this.broker, this.node, adminConfig());
	}

	/**
	 * Stops the broker the way an operator would (SIGTERM, controlled shutdown), killing
	 * it only if it does not finish in time.
	 */
	public synchronized void stop() {
		this.broker.stop(STOP_GRACE);
		this.killOnExit.remove();
	}

	/**
	 * Kills the broker at once, as a crash or power cut would.
	 */
	public synchronized void kill() {
		this.broker.kill();
		this.killOnExit.remove();
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * @return the value for {@code bootstrap.servers}
	 */
	public String bootstrapServers() {
		return this.node.member().bootstrapServer();
	}

	/**
	 * @return the passwords of the users it was started with
	 */
	public KafkaCredentials credentials() {
		return this.node.credentials();
	}

	/**
	 * @param user one of the users of its {@link #credentials()}
	 * @return the settings of a client of that user: bootstrap servers and SASL
	 */
	public Map<String, Object> clientConfig(String user) {
		return credentials().user(user).clientConfig(bootstrapServers());
	}

	/**
	 * Gives the services their users and ACLs, as an administrator would.
	 */
	void grantServices() {
		try (Admin admin = Admin.create(adminConfig())) {
			KafkaAccess.grantServices(admin, credentials());
		}
	}

	public int port() {
		return this.node.member().port();
	}

	public int controllerPort() {
		return this.node.member().controllerPort();
	}

	/**
	 * @return its {@code node.id}: 1 for a broker on its own
	 */
	public int nodeId() {
		return this.node.nodeId();
	}

	/**
	 * @return the broker's data directory ({@code log.dirs})
	 */
	public Path logDir() {
		return this.node.logDir();
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
		return this.node.isFormatted();
	}

	/**
	 * @return the contents of {@code server.properties}
	 */
	Map<String, String> configuration() {
		return this.node.properties();
	}

	/**
	 * The administrator's client settings, quick to fail so that waiting loops go round.
	 */
	Map<String, Object> adminConfig() {
		return KafkaReadiness.quickToFail(clientConfig(KafkaCredentials.ADMIN));
	}

}
