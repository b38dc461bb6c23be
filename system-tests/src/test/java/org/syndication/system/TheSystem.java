package org.syndication.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

import org.syndication.localstack.FreePorts;
import org.syndication.localstack.KafkaClusterProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.testsupport.ZipkinCollector;

import static org.awaitility.Awaitility.await;

/**
 * The whole system on one machine: real Kafka (one node, or a cluster) in processes of
 * its own, a real SMTP/IMAP server, and publisher-service, feed-service and
 * notifier-service as processes from their executable jars (one instance each, or several
 * sharing their service's database and consumer group), and packages-service likewise
 * (its state in Kafka). Tests reach it only as its users do: HTTP, the topics, SMTP/IMAP.
 */
final class TheSystem implements AutoCloseable {

	static final String PUBLISHER = "publisher-service";

	static final String FEED = "feed-service";

	static final String NOTIFIER = "notifier-service";

	static final String PACKAGES = "packages-service";

	/** Where the notifier's bounces go, a mailbox of the mail server. */
	static final String BOUNCES = "bounces@news.example.com";

	final String apiToken = "system-" + UUID.randomUUID();

	final Path directory;

	final Databases databases;

	final KafkaClusterProcess kafka;

	final MailServer mail = new MailServer();

	/** Where every service sends its spans, every trace sampled. */
	final ZipkinCollector zipkin = new ZipkinCollector();

	final List<ServiceProcess> publishers;

	final List<ServiceProcess> feedInstances;

	final List<ServiceProcess> notifiers;

	final List<ServiceProcess> packagers;

	/** The first instance of each service. */
	final ServiceProcess publisher;

	final ServiceProcess feed;

	final ServiceProcess notifier;

	final ServiceProcess packages;

	final Publisher publisherApi;

	final Feeds feeds;

	final Notifier notifierApi;

	final ArticlesTopic topic;

	private TheSystem(Path directory, Databases databases, Topology topology) {
		this.directory = directory;
		this.databases = databases;
		this.kafka = KafkaClusterProcess.onFreePorts(directory.resolve("kafka"), topology.brokers());
		// The operator's view: the administrator reads every topic.
		this.topic = new ArticlesTopic(this.kafka.clientConfig(KafkaCredentials.ADMIN));
		Map<String, String> common = Map.of("PUBLISHER_TOPIC_REPLICATIONFACTOR",
				String.valueOf(this.kafka.replicationFactor()), "SPRING_CLOUD_STREAM_KAFKA_BINDER_REPLICATIONFACTOR",
				String.valueOf(this.kafka.replicationFactor()), "SPRING_CLOUD_STREAM_KAFKA_BINDER_REQUIREDACKS", "all",
				// Traced as an operator turns it on, in every scenario; one trace in ten
				// is
				// recorded, and every one a client asks for (scenario 0).
				"MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", this.zipkin.endpoint(),
				"MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.1");
		this.publishers = instances(PUBLISHER, "PUBLISHER", topology.instances(),
				merge(common, Map.of("PUBLISHER_API_TOKEN", this.apiToken)));
		this.feedInstances = instances(FEED, "FEED", topology.instances(),
				// Its WebSub hub pushes to the tests' subscribers on this machine.
				merge(common, Map.of("FEED_MANAGEMENT_TOKEN", this.apiToken, "FEED_WEBSUB_ALLOW_LOOPBACK", "true",
						"FEED_WEBSUB_SECRET_KEYS", "system:" + randomKey())));
		this.notifiers = instances(NOTIFIER, "NOTIFIER", topology.instances(), merge(common, Map.ofEntries(
				Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
				Map.entry("SPRING_MAIL_PORT", String.valueOf(this.mail.smtpPort())),
				Map.entry("NOTIFIER_TOKEN_SECRET", "system-links-" + this.apiToken),
				Map.entry("NOTIFIER_MANAGEMENT_TOKEN", this.apiToken),
				// One test client subscribes thousands of addresses.
				Map.entry("NOTIFIER_SUBSCRIBEREQUESTSPERMINUTE", "1000000"),
				// Bounces come back to a mailbox of the mail server, read often.
				Map.entry("NOTIFIER_BOUNCES_ADDRESS", BOUNCES), Map.entry("NOTIFIER_BOUNCES_IMAP_HOST", "127.0.0.1"),
				Map.entry("NOTIFIER_BOUNCES_IMAP_PORT", String.valueOf(this.mail.imapPort())),
				Map.entry("NOTIFIER_BOUNCES_IMAP_SSL", "false"), Map.entry("NOTIFIER_BOUNCES_IMAP_USERNAME", BOUNCES),
				Map.entry("NOTIFIER_BOUNCES_IMAP_PASSWORD", BOUNCES), Map.entry("NOTIFIER_BOUNCES_INTERVAL", "2s"))));
		// Its changelogs with as many replicas as the articles topic.
		this.packagers = instances(PACKAGES, "PACKAGES", topology.instances(),
				merge(common,
						Map.of("PACKAGES_MANAGEMENT_TOKEN", this.apiToken, "SPRING_KAFKA_STREAMS_REPLICATIONFACTOR",
								String.valueOf(this.kafka.replicationFactor()),
								// A killed instance's tasks move to the other after 10 s,
								// not 45.
								"SPRING_KAFKA_STREAMS_PROPERTIES_SESSION_TIMEOUT_MS", "10000")));
		this.publisher = this.publishers.get(0);
		this.feed = this.feedInstances.get(0);
		this.notifier = this.notifiers.get(0);
		this.packages = this.packagers.get(0);
		this.publisherApi = new Publisher(this.publisher, this.apiToken);
		this.feeds = new Feeds(this.feed);
		this.notifierApi = new Notifier(this.notifier, this.mail, this.apiToken);
	}

	/**
	 * Starts one broker and one instance of each service, and returns when every service
	 * is ready.
	 * @param databases where the services keep their data, given the system's directory
	 * @return the running system
	 */
	static TheSystem start(Function<Path, Databases> databases) {
		return start(databases, Topology.SMALLEST);
	}

	/**
	 * Starts the system in the given shape and returns when every instance is ready.
	 * @param databases where the services keep their data, given the system's directory
	 * @param topology how many brokers and instances
	 * @return the running system
	 */
	static TheSystem start(Function<Path, Databases> databases, Topology topology) {
		Path directory = createDirectory();
		TheSystem system = new TheSystem(directory, databases.apply(directory.resolve("databases")), topology);
		try {
			system.kafka.start();
			system.mail.start();
			// The first publisher creates the articles topic; the first instance of each
			// service creates its database schema before a second one shares it.
			system.publisher.start();
			startTogether(Stream
				.concat(Stream.of(system.feed, system.notifier, system.packages), rest(system.publishers).stream())
				.toList());
			startTogether(Stream.of(rest(system.feedInstances), rest(system.notifiers), rest(system.packagers))
				.flatMap(List::stream)
				.toList());
			return system;
		}
		catch (RuntimeException ex) {
			system.close();
			throw ex;
		}
	}

	private static List<ServiceProcess> rest(List<ServiceProcess> instances) {
		return instances.subList(1, instances.size());
	}

	private static void startTogether(List<ServiceProcess> instances) {
		instances.forEach(ServiceProcess::launch);
		CompletableFuture
			.allOf(instances.stream()
				.map((instance) -> CompletableFuture.runAsync(instance::awaitReady))
				.toArray(CompletableFuture[]::new))
			.join();
	}

	/**
	 * @param user one of the Kafka users the system was started with
	 * @return the topics as that user sees them
	 */
	ArticlesTopic topicAs(String user) {
		return this.topic.as(this.kafka.clientConfig(user));
	}

	/**
	 * Waits until every task of the packages service, over all its instances, has filled
	 * a package from the back-catalogue (one task per partition of the articles topic).
	 * @param packageName the package
	 */
	void awaitPackageFilled(String packageName) {
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.packagers.stream()
				.mapToLong((instance) -> instance.logLinesContaining("Package " + packageName + " filled"))
				.sum() >= 3);
	}

	/**
	 * @param instance one of the publisher instances
	 * @return its API
	 */
	Publisher publisherApi(ServiceProcess instance) {
		return new Publisher(instance, this.apiToken);
	}

	private List<ServiceProcess> instances(String module, String prefix, int count, Map<String, String> own) {
		Path jar = jar(module, this.directory.resolve("jars"));
		List<Integer> ports = Stream.generate(FreePorts::find).limit(count).toList();
		List<ServiceProcess> instances = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, String> environment = new LinkedHashMap<>();
			environment.put("SERVER_PORT", String.valueOf(ports.get(i)));
			environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers());
			environment.put("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", this.kafka.bootstrapServers());
			// Each service as its own Kafka user, with its own rights.
			environment.putAll(this.kafka.credentials().user(module).springEnvironment());
			// Behind one load balancer: every instance has the first one's address.
			environment.put(prefix + "_PUBLIC_BASE_URL", "http://127.0.0.1:" + ports.get(0));
			if (module.equals(PACKAGES)) {
				// No database: its state is in Kafka, with a copy on disk for each
				// instance.
				environment.put("PACKAGES_STATE_DIR",
						this.directory.resolve("state").resolve(module + "-" + (i + 1)).toAbsolutePath().toString());
			}
			else {
				environment.putAll(this.databases.environment(module));
			}
			environment.putAll(own);
			String name = (count == 1) ? module : module + "-" + (i + 1);
			instances.add(new ServiceProcess(name, jar, ports.get(i), environment,
					this.directory.resolve("logs").resolve(name + ".log")));
		}
		return List.copyOf(instances);
	}

	/**
	 * A key for the WebSub hub's sealing of subscribers' secrets, new for each system.
	 */
	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
		Map<String, String> all = new LinkedHashMap<>(first);
		all.putAll(second);
		return all;
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
		Stream.of(this.packagers, this.notifiers, this.feedInstances, this.publishers)
			.flatMap(List::stream)
			.toList()
			.parallelStream()
			.forEach(ServiceProcess::stop);
		this.kafka.stop();
		this.mail.close();
		this.zipkin.close();
		this.databases.close();
	}

	/**
	 * The shape of the system.
	 *
	 * @param brokers Kafka nodes; with three, topics get three replicas and writes need
	 * two
	 * @param instances instances of each service
	 */
	record Topology(int brokers, int instances) {

		static final Topology SMALLEST = new Topology(1, 1);

	}

}
