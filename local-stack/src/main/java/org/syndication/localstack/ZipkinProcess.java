package org.syndication.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Zipkin's server in a child JVM, from its executable jar: on 127.0.0.1 only, the spans
 * kept in memory, its UI at {@code /zipkin/}. The jar is not part of the build: it is
 * fetched only for {@code --tracing} ({@code run-local.sh} does it).
 */
final class ZipkinProcess {

	static final int PORT = 9411;

	/** Where the local stack's browser user finds the UI. */
	static final String UI = "http://localhost:" + PORT + "/zipkin/";

	/** How {@code run-local.sh --tracing} fetches the jar into {@link #jar(Path)}. */
	static final String FETCH = "./mvnw -B -q -pl local-stack dependency:copy@zipkin";

	// Its own JVM's start takes about 12 s on a quiet 2-core machine.
	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	/** Enough for an hour of a busy local stack; older traces make room for newer. */
	private static final int MAX_SPANS = 50_000;

	private final int port;

	private final ChildProcess server;

	private final HttpReadiness readiness = new HttpReadiness();

	/**
	 * @param jar Zipkin's executable jar ({@code io.zipkin:zipkin-server}, classifier
	 * {@code exec})
	 * @param port its HTTP port on 127.0.0.1, for the UI, the API and the spans
	 * @throws IllegalStateException if the jar is not there, saying how to fetch it
	 */
	ZipkinProcess(Path jar, int port, Path workingDirectory, Path outputFile) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(
					"Zipkin's server is not at " + jar + ": ./run-local.sh --tracing fetches it, " + "or run " + FETCH);
		}
		this.port = port;
		this.server = new ChildProcess("zipkin", command(jar, port), environment(port), workingDirectory,
				outputFile.toAbsolutePath().normalize());
	}

	/**
	 * @param projectDir the checkout
	 * @return where {@link #FETCH} puts Zipkin's executable jar
	 */
	static Path jar(Path projectDir) {
		return projectDir.resolve("local-stack").resolve("target").resolve("zipkin").resolve("zipkin-server.jar");
	}

	static List<String> command(Path jar, int port) {
		return List.of(Jvm.javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
				jar.toString(),
				// Armeria serves it: one port, HTTP, on the loopback address only.
				"--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port,
				"--armeria.ports[0].protocols[0]=http");
	}

	static Map<String, String> environment(int port) {
		// Spans come over HTTP only: no collector looks for a Kafka, RabbitMQ, ActiveMQ
		// or
		// Pulsar, whatever this machine's environment holds.
		return Map.of("STORAGE_TYPE", "mem", "MEM_MAX_SPANS", String.valueOf(MAX_SPANS), "QUERY_PORT",
				String.valueOf(port), "COLLECTOR_KAFKA_ENABLED", "false", "COLLECTOR_RABBITMQ_ENABLED", "false",
				"COLLECTOR_ACTIVEMQ_ENABLED", "false", "COLLECTOR_PULSAR_ENABLED", "false", "COLLECTOR_GRPC_ENABLED",
				"false", "SELF_TRACING_ENABLED", "false");
	}

	/**
	 * @return where the services send their spans (Zipkin's JSON v2 API)
	 */
	String spansEndpoint() {
		return "http://127.0.0.1:" + this.port + "/api/v2/spans";
	}

	void start() {
		FreePorts.requireFree(this.port, "Zipkin");
		this.server.start(false);
		awaitHealthy();
	}

	void stop() {
		this.server.stop(STOP_GRACE);
	}

	ChildProcess childProcess() {
		return this.server;
	}

	private void awaitHealthy() {
		String health = "http://127.0.0.1:" + this.port + "/health";
		HttpReadiness.Outcome outcome;
		try {
			outcome = this.readiness.await(health, this.server, READY_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.server.kill();
			throw new IllegalStateException("Interrupted while waiting for Zipkin", ex);
		}
		if (outcome == HttpReadiness.Outcome.EXITED) {
			throw new IllegalStateException(
					"Zipkin exited while starting:" + System.lineSeparator() + this.server.tail(30));
		}
		if (outcome == HttpReadiness.Outcome.LATE) {
			this.server.kill();
			throw new IllegalStateException("Zipkin did not answer on " + health + " within "
					+ READY_TIMEOUT.toSeconds() + " s:" + System.lineSeparator() + this.server.tail(30));
		}
	}

}
