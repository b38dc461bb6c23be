package org.syndication.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.syndication.localstack.FreePorts;
import org.syndication.localstack.KafkaBrokerProcess;

/**
 * The whole system on one machine: a real Kafka broker in its own process, a real
 * SMTP/IMAP server, and publisher-service, feed-service and notifier-service each as its
 * own process from its executable jar, with its own database. Tests reach it only as its
 * users do: HTTP, the articles topic, SMTP/IMAP.
 */
final class TheSystem implements AutoCloseable {

	static final String PUBLISHER = "publisher-service";

	static final String FEED = "feed-service";

	static final String NOTIFIER = "notifier-service";

	final String apiToken = "system-" + UUID.randomUUID();

	final Path directory;

	final Databases databases;

	final KafkaBrokerProcess kafka;

	final MailServer mail = new MailServer();

	final ServiceProcess publisher;

	final ServiceProcess feed;

	final ServiceProcess notifier;

	final Publisher publisherApi;

	final Feeds feeds;

	final Notifier notifierApi;

	final ArticlesTopic topic;

	private TheSystem(Path directory, Databases databases) {
		this.directory = directory;
		this.databases = databases;
		this.kafka = KafkaBrokerProcess.onFreePorts(directory.resolve("kafka"));
		this.topic = new ArticlesTopic(this.kafka.bootstrapServers());
		this.publisher = service(PUBLISHER, "PUBLISHER", Map.of("PUBLISHER_API_TOKEN", this.apiToken));
		this.feed = service(FEED, "FEED", Map.of("FEED_MANAGEMENT_TOKEN", this.apiToken));
		this.notifier = service(NOTIFIER, "NOTIFIER",
				Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", String.valueOf(this.mail.smtpPort()),
						"NOTIFIER_TOKEN_SECRET", "system-links-" + this.apiToken, "NOTIFIER_MANAGEMENT_TOKEN",
						this.apiToken,
						// One test client subscribes thousands of addresses.
						"NOTIFIER_SUBSCRIBEREQUESTSPERMINUTE", "1000000"));
		this.publisherApi = new Publisher(this.publisher, this.apiToken);
		this.feeds = new Feeds(this.feed);
		this.notifierApi = new Notifier(this.notifier, this.mail);
	}

	/**
	 * Starts everything and returns when every service is ready.
	 * @param databases where the services keep their data, given the system's directory
	 * @return the running system
	 */
	static TheSystem start(Function<Path, Databases> databases) {
		Path directory = createDirectory();
		TheSystem system = new TheSystem(directory, databases.apply(directory.resolve("databases")));
		try {
			system.kafka.start();
			system.mail.start();
			// publisher-service creates the articles topic; the consumers start after it.
			system.publisher.start();
			CompletableFuture
				.allOf(CompletableFuture.runAsync(system.feed::start),
						CompletableFuture.runAsync(system.notifier::start))
				.join();
			return system;
		}
		catch (RuntimeException ex) {
			system.close();
			throw ex;
		}
	}

	private ServiceProcess service(String module, String prefix, Map<String, String> own) {
		int port = FreePorts.find();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", String.valueOf(port));
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers());
		environment.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", this.kafka.bootstrapServers());
		environment.put(prefix + "_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
		environment.putAll(this.databases.environment(module));
		environment.putAll(own);
		return new ServiceProcess(module, jar(module, this.directory.resolve("jars")), port, environment,
				this.directory.resolve("logs").resolve(module + ".log"));
	}

	/**
	 * A copy of the service's executable jar, so that a build running meanwhile cannot
	 * change what a restarted instance runs.
	 */
	private static Path jar(String module, Path directory) {
		// The tests run in system-tests/; the services' modules are its siblings.
		Path jar = Path.of("..", module, "target", module + ".jar").toAbsolutePath().normalize();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build the services first (./mvnw -B verify runs "
					+ "the system tests after packaging them)");
		}
		try {
			Files.createDirectories(directory);
			return Files.copy(jar, directory.resolve(jar.getFileName()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy " + jar, ex);
		}
	}

	private static Path createDirectory() {
		try {
			Path target = Path.of("target", "system");
			Files.createDirectories(target);
			return Files.createTempDirectory(target.toAbsolutePath(), "run-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		for (ServiceProcess service : List.of(this.notifier, this.feed, this.publisher)) {
			service.stop();
		}
		this.kafka.stop();
		this.mail.close();
		this.databases.close();
	}

}
