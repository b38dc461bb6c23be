package org.syndication.localstack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The services as the local stack runs them: which of them are built, the child JVM of
 * each, and waiting until it is ready.
 */
final class ServiceLauncher {

	private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(150);

	private final Path projectDir;

	private final Path dataDir;

	private final KafkaCredentials kafkaCredentials;

	private final HttpReadiness readiness = new HttpReadiness();

	ServiceLauncher(Path projectDir, Path dataDir, KafkaCredentials kafkaCredentials) {
		this.projectDir = projectDir;
		this.dataDir = dataDir;
		this.kafkaCredentials = kafkaCredentials;
	}

	/**
	 * @param apiToken the publisher's API token
	 * @param out where a service without its jar is said to be skipped
	 * @return the services whose jar is built, in start order
	 */
	List<Service> present(String apiToken, PrintStream out) {
		List<Service> present = new ArrayList<>();
		for (Service service : Service.all(apiToken)) {
			if (Files.isRegularFile(service.jar(this.projectDir))) {
				present.add(service);
			}
			else {
				out.printf("- %s: skipped, %s does not exist (build it with ./mvnw package)%n", service.name(),
						this.projectDir.relativize(service.jar(this.projectDir)));
			}
		}
		return present;
	}

	/**
	 * @param service the service
	 * @param zipkinSpans where to send spans, if anywhere
	 * @return its child JVM, not started yet
	 */
	ChildProcess child(Service service, Optional<String> zipkinSpans) {
		return new ChildProcess(service.name(), List.of(Jvm.javaExecutable(), "-Xmx384m",
				// The serial collector leaves more of a small machine to the others; the
				// full JIT stays, so that the benchmarks measure what production runs.
				"-XX:+UseSerialGC", "-jar", service.jar(this.projectDir).toString()),
				service.fullEnvironment(this.dataDir, this.kafkaCredentials, zipkinSpans), this.projectDir,
				this.dataDir.resolve("logs").resolve(service.name() + ".log"));
	}

	/**
	 * Returns once the service is ready.
	 * @param service the service
	 * @param child its child JVM, started
	 * @throws IllegalStateException if it exits or is not ready in time, with the end of
	 * its output
	 */
	void awaitReadiness(Service service, ChildProcess child) {
		HttpReadiness.Outcome outcome;
		try {
			outcome = this.readiness.await(service.readinessUrl(), child, SERVICE_READY_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + service.name(), ex);
		}
		if (outcome == HttpReadiness.Outcome.EXITED) {
			throw new IllegalStateException(
					service.name() + " exited while starting (exit code " + child.onExit().join() + "). Last lines of "
							+ child.outputFile() + ":" + System.lineSeparator() + child.tail(40));
		}
		if (outcome == HttpReadiness.Outcome.LATE) {
			throw new IllegalStateException(service.name() + " was not ready at " + service.readinessUrl() + " within "
					+ SERVICE_READY_TIMEOUT.toSeconds() + " s. Last lines of " + child.outputFile() + ":"
					+ System.lineSeparator() + child.tail(40));
		}
	}

}
