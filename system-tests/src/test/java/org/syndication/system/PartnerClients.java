package org.syndication.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.localstack.KafkaUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clients of the partners' guide (the examples of {@code docs/partners.md}, kept
 * whole in {@code docs/partners}), run as a partner runs them: the Java one from its
 * source file with the Apache Kafka client, the KafkaJS one with Node.js after
 * {@code npm ci}.
 */
final class PartnerClients {

	private static final Logger logger = LoggerFactory.getLogger(PartnerClients.class);

	/** The guide's examples, beside the modules. */
	static final Path EXAMPLES = Path.of("..", "docs", "partners").toAbsolutePath().normalize();

	/** The partners' guide, which shows the examples. */
	private static final Path GUIDE = Path.of("..", "docs", "partners.md").toAbsolutePath().normalize();

	/** What npm says when it cannot reach its registry. */
	private static final Pattern OFFLINE = Pattern.compile("ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH");

	private final Path directory;

	private final String bootstrapServers;

	private final KafkaUser partner;

	private final String topic;

	/**
	 * @param directory where the clients run (a partner's working directory)
	 * @param bootstrapServers the cluster
	 * @param partner the partner the examples name, {@code partner}, or another
	 * @param topic what the clients read: {@code articles}, their default, or a package's
	 * topic
	 */
	PartnerClients(Path directory, String bootstrapServers, KafkaUser partner, String topic) {
		this.directory = directory;
		this.bootstrapServers = bootstrapServers;
		this.partner = partner;
		this.topic = topic;
	}

	/**
	 * The partners' guide shows an example whole, as the file the tests run.
	 * @param example the file, under {@code docs/partners}
	 */
	static void assertThePartnersGuideShows(String example) {
		try {
			String guide = Files.readString(GUIDE);
			String code = Files.readString(EXAMPLES.resolve(example));
			assertThat(guide).as("docs/partners.md shows docs/partners/%s as it is", example).contains(code);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The Java example, run from its source file with the Kafka client the services use,
	 * and the partner's client configuration in {@code data/kafka/PARTNER.properties}.
	 * @return the running client
	 */
	Client java() {
		Path data = this.directory.resolve("data").resolve("kafka");
		try {
			Files.createDirectories(data);
			Files.writeString(data.resolve(this.partner.name() + ".properties"),
					this.partner.clientPropertiesFile(this.bootstrapServers));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String classPath = String.join(java.io.File.pathSeparator, jarOf(KafkaConsumer.class), jarOf(Logger.class));
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder client = new ProcessBuilder(java, "-cp", classPath,
				EXAMPLES.resolve("java").resolve("PartnerConsumer.java").toString());
		client.environment().putAll(Map.of("PARTNER", this.partner.name(), "TOPIC", this.topic));
		return Client.start("java client", client, this.directory);
	}

	/**
	 * The KafkaJS example, its dependencies installed with {@code npm ci} from its
	 * package-lock.
	 * @return the running client
	 */
	Client kafkaJs() {
		Path project = this.directory.resolve("kafkajs");
		try {
			Files.createDirectories(project);
			for (String file : List.of("package.json", "package-lock.json", "partner-consumer.js")) {
				Files.copy(EXAMPLES.resolve("kafkajs").resolve(file), project.resolve(file));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Client install = Client.start("npm ci",
				new ProcessBuilder(npm(), "ci", "--no-audit", "--no-fund", "--loglevel=error"), project);
		int installed = install.waitFor(Duration.ofMinutes(3));
		if (installed != 0 && OFFLINE.matcher(install.output()).find()) {
			Assumptions.abort("KafkaJS client not run: the npm registry cannot be reached: " + install.output());
		}
		assertThat(installed).as("npm ci: %s", install.output()).isZero();
		ProcessBuilder node = new ProcessBuilder(node(), "partner-consumer.js");
		node.environment()
			.putAll(Map.of("PARTNER_PASSWORD", this.partner.password(), "PARTNER_NAME", this.partner.name(), "TOPIC",
					this.topic, "KAFKA_BROKERS", this.bootstrapServers));
		return Client.start("kafkajs client", node, project);
	}

	/** Node.js and npm on the PATH, or empty. */
	static Optional<String> nodeMissing() {
		return Stream.of("node", "npm")
			.filter((command) -> onThePath(command).isEmpty())
			.findFirst()
			.map((command) -> command + " is not on the PATH (Debian: apt-get install nodejs npm)");
	}

	private static String node() {
		return onThePath("node").orElseThrow().toString();
	}

	private static String npm() {
		return onThePath("npm").orElseThrow().toString();
	}

	private static Optional<Path> onThePath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(java.io.File.pathSeparator))
			.map((directory) -> Path.of(directory, command))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static String jarOf(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A client's process, and every line it printed so far. */
	static final class Client implements AutoCloseable {

		private final String name;

		private final Process process;

		private final List<String> lines = new CopyOnWriteArrayList<>();

		private Client(String name, Process process) {
			this.name = name;
			this.process = process;
			Thread reader = new Thread(this::read, name + "-output");
			reader.setDaemon(true);
			reader.start();
		}

		static Client start(String name, ProcessBuilder builder, Path directory) {
			try {
				return new Client(name, builder.directory(directory.toFile()).redirectErrorStream(true).start());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void read() {
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = output.readLine(); line != null; line = output.readLine()) {
					if (this.lines.size() < 20) {
						logger.info("{}: {}", this.name, line);
					}
					this.lines.add(line);
				}
			}
			catch (IOException ex) {
				// The process ended.
			}
		}

		/**
		 * Waits until the client printed a line for each condition, and fails with what
		 * it printed if it did not, or if it stopped.
		 * @param conditions what the lines must show, one line each
		 */
		@SafeVarargs
		final void awaitLines(Predicate<String>... conditions) {
			await().atMost(SystemChecks.PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				if (!this.process.isAlive() && !printedAll(conditions)) {
					// Not an assertion: Awaitility stops waiting at once.
					throw new IllegalStateException(
							this.name + " stopped (exit code " + this.process.exitValue() + "): " + output());
				}
				assertThat(printedAll(conditions)).as("%s printed: %s", this.name, output()).isTrue();
			});
		}

		private boolean printedAll(Predicate<String>[] conditions) {
			return Stream.of(conditions).allMatch((condition) -> this.lines.stream().anyMatch(condition));
		}

		List<String> lines() {
			return new ArrayList<>(this.lines);
		}

		/**
		 * Enough of what it printed to tell what went wrong: the lines that are not a
		 * record's (the client's own messages), then the last lines.
		 */
		String output() {
			List<String> lines = lines();
			List<String> own = lines.stream()
				.filter((line) -> !line.startsWith("article.") && !line.contains(" {\"eventId\""))
				.limit(40)
				.toList();
			return "its messages:\n" + String.join("\n", own) + "\n… its last lines:\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
		}

		int waitFor(Duration timeout) {
			try {
				if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					this.process.destroyForcibly();
					throw new AssertionError(this.name + " did not end within " + timeout + ": " + output());
				}
				return this.process.exitValue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}

	}

}
