package org.syndication.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.syndication.localstack.ChildProcess;
import org.syndication.localstack.Jvm;

/**
 * One instance of a service, run the way production runs it: {@code java -jar} on its
 * executable jar, configured only through its environment.
 */
final class ServiceProcess implements Endpoint {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String name;

	private final Path jar;

	private final int port;

	private final Map<String, String> environment;

	private final Path logFile;

	private ChildProcess process;

	/**
	 * @param name the instance's name, for its log and in messages
	 * @param jar the service's executable jar
	 * @param port its HTTP port
	 * @param environment its whole configuration
	 * @param logFile where its output goes, kept across restarts
	 */
	ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path logFile) {
		this.name = name;
		this.jar = jar;
		this.port = port;
		this.environment = Map.copyOf(environment);
		this.logFile = logFile;
	}

	String name() {
		return this.name;
	}

	@Override
	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * Starts the process without waiting for it to be ready.
	 */
	synchronized void launch() {
		launch(Map.of());
	}

	/**
	 * Starts the process with some settings changed for this run only.
	 * @param overrides environment variables that replace or add to the usual ones
	 */
	synchronized void launch(Map<String, String> overrides) {
		Map<String, String> all = new LinkedHashMap<>(this.environment);
		all.putAll(overrides);
		List<String> command = new ArrayList<>(List.of(Jvm.javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC",
				"-XX:+ExitOnOutOfMemoryError", "-jar", this.jar.toString()));
		this.process = new ChildProcess(this.name, command, all, this.logFile.getParent(), this.logFile);
		this.process.start(true);
	}

	/**
	 * Waits until the readiness probe answers 200.
	 */
	void awaitReady() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		HttpRequest probe = HttpRequest.newBuilder(uri("/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (true) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited while starting:" + System.lineSeparator() + this.process.tail(40));
			}
			try {
				if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(this.name + " was not ready within " + READY_TIMEOUT.toSeconds() + " s:"
						+ System.lineSeparator() + this.process.tail(40));
			}
			Pause.of(Duration.ofMillis(250));
		}
	}

	void start() {
		launch();
		awaitReady();
	}

	/**
	 * Stops it the way an orchestrator does: SIGTERM, then a kill after 30 s.
	 */
	synchronized void stop() {
		if (this.process != null) {
			this.process.stop(Duration.ofSeconds(30));
		}
	}

	/**
	 * Kills it at once (SIGKILL), as a crash or an out-of-memory kill would.
	 */
	synchronized void kill() {
		if (this.process != null) {
			this.process.kill();
		}
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * @param text what to look for
	 * @return how many lines of its log, over every run, contain the text
	 */
	long logLinesContaining(String text) {
		if (!Files.exists(this.logFile)) {
			return 0;
		}
		try (Stream<String> lines = Files.lines(this.logFile, StandardCharsets.UTF_8)) {
			return lines.filter((line) -> line.contains(text)).count();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new IllegalStateException("Cannot read " + this.logFile, ex);
		}
	}

	String logTail(int lines) {
		return (this.process != null) ? this.process.tail(lines) : "(never started)";
	}

}
