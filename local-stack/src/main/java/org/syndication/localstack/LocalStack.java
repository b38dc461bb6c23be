package org.syndication.localstack;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.admin.Admin;

/**
 * Starts Kafka, GreenMail, with tracing Zipkin, and the services as child processes, and
 * stops them in reverse order: services first, so that none of them is left without its
 * broker while it still works, nor without Zipkin while it sends its last spans.
 */
final class LocalStack {

	private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(150);

	private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(15);

	// A controlled shutdown of a broker with many partitions can take a while.
	private static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(30);

	private static final Duration GREENMAIL_STOP_GRACE = Duration.ofSeconds(10);

	private static final Duration ZIPKIN_STOP_GRACE = Duration.ofSeconds(10);

	/** The partner whose client configuration the local stack writes. */
	static final String DEMO_PARTNER = "partner";

	/** The package that {@code --demo} defines: the articles in the category sport. */
	static final String DEMO_PACKAGE = "sport";

	/** The partner that {@code --demo} adds, holding only {@link #DEMO_PACKAGE}. */
	static final String DEMO_PACKAGE_PARTNER = "sportdesk";

	static final String CREDENTIALS_FILE = "credentials.properties";

	private final Path projectDir;

	private final Path dataDir;

	private final String apiToken;

	private final KafkaCredentials kafkaCredentials;

	private final boolean tracing;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	// Daemon threads: a start or stop still waiting must not keep the JVM alive.
	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "local-stack");
		thread.setDaemon(true);
		return thread;
	});

	private final Object lock = new Object();

	private boolean stopping;

	private KafkaBrokerProcess kafka;

	private GreenMailProcess greenMail;

	private ZipkinProcess zipkin;

	private final List<ChildProcess> services = new ArrayList<>();

	private List<CompletableFuture<Void>> infrastructureStarts = List.of();

	private final List<ChildProcess> watched = new ArrayList<>();

	/**
	 * @param tracing whether to run Zipkin too and send it every service's spans
	 */
	LocalStack(Path projectDir, Path dataDir, String apiToken, KafkaCredentials kafkaCredentials, boolean tracing,
			PrintStream out) {
		this.projectDir = projectDir;
		this.dataDir = dataDir;
		this.apiToken = apiToken;
		this.kafkaCredentials = kafkaCredentials;
		this.tracing = tracing;
		this.out = out;
	}

	/**
	 * @param tracing whether Zipkin runs
	 * @return the order in which {@link #stop()} stops the components
	 */
	static String stopOrder(boolean tracing) {
		return tracing ? "services, then Kafka, then Zipkin, then GreenMail" : "services, then Kafka, then GreenMail";
	}

	/**
	 * The Kafka users' passwords kept in the data directory, generated on the first start
	 * along with the broker's storage.
	 * @param dataDir the local stack's data directory
	 * @return the credentials, the demo partner's included
	 * @throws IllegalStateException if the broker's storage exists without them: it was
	 * formatted before Kafka required credentials
	 */
	static KafkaCredentials kafkaCredentials(Path dataDir) {
		Path kafka = dataDir.resolve("kafka");
		Path file = kafka.resolve(CREDENTIALS_FILE);
		if (!Files.exists(file) && Files.exists(kafka.resolve("kraft-combined-logs").resolve("meta.properties"))) {
			throw new IllegalStateException(kafka + " holds a Kafka broker's data from before Kafka required "
					+ "credentials, and no " + CREDENTIALS_FILE + ". Delete " + kafka + " to start afresh: the "
					+ "articles stay in the publisher's database, but the topic's events and the consumer offsets go.");
		}
		return KafkaCredentials.keptIn(file, List.of(DEMO_PARTNER, DEMO_PACKAGE_PARTNER));
	}

	/**
	 * Starts everything and returns the services that run.
	 * @throws IllegalStateException with the failing component's log tail
	 */
	List<Service> start() {
		Path logs = this.dataDir.resolve("logs");
		CompletableFuture<Void> mail;
		CompletableFuture<Void> broker;
		List<CompletableFuture<Void>> starts = new ArrayList<>();
		synchronized (this.lock) {
			requireNotStopping();
			// First: without its jar, nothing else is started.
			if (this.tracing) {
				this.zipkin = new ZipkinProcess(ZipkinProcess.jar(this.projectDir), ZipkinProcess.PORT, this.dataDir,
						logs.resolve("zipkin.log"));
			}
			this.kafka = new KafkaBrokerProcess(9092, 9093, this.dataDir.resolve("kafka"), logs.resolve("kafka.log"),
					this.kafkaCredentials, KafkaBrokerProcess.SESSION_LIFETIME, false);
			this.greenMail = new GreenMailProcess(Service.SMTP_PORT, Service.IMAP_PORT, this.dataDir,
					logs.resolve("greenmail.log"));
			// GreenMail comes up while the broker does: it is small and quick.
			mail = CompletableFuture.runAsync(() -> timed(
					"GreenMail on SMTP 127.0.0.1:" + Service.SMTP_PORT + ", IMAP 127.0.0.1:" + Service.IMAP_PORT,
					this.greenMail::start), this.executor);
			broker = CompletableFuture
				.runAsync(() -> timed("Kafka on " + this.kafka.bootstrapServers(), this.kafka::start), this.executor);
			starts.add(broker);
			starts.add(mail);
			// Before the services, so that their first spans find it.
			if (this.zipkin != null) {
				starts.add(CompletableFuture.runAsync(() -> timed("Zipkin on " + ZipkinProcess.UI, this.zipkin::start),
						this.executor));
			}
			this.infrastructureStarts = List.copyOf(starts);
		}
		joinAll(starts);
		timed("Kafka users and ACLs, the demo partner's configuration in " + shown(partnerConfigFile()),
				this::grantDemoPartner);
		watch(this.kafka.childProcess());
		watch(this.greenMail.childProcess());
		if (this.zipkin != null) {
			watch(this.zipkin.childProcess());
		}

		List<Service> present = new ArrayList<>();
		for (Service service : Service.all(this.apiToken)) {
			if (Files.isRegularFile(service.jar(this.projectDir))) {
				present.add(service);
			}
			else {
				this.out.printf("- %s: skipped, %s does not exist (build it with ./mvnw package)%n", service.name(),
						this.projectDir.relativize(service.jar(this.projectDir)));
			}
		}
		List<Service> first = present.stream().limit(1).toList();
		List<Service> rest = present.stream().skip(1).toList();
		first.forEach(this::startService);
		joinAll(rest.stream()
			.map((service) -> CompletableFuture.runAsync(() -> startService(service), this.executor))
			.toList());
		return present;
	}

	/**
	 * Stops everything that was started; safe to call more than once and from a shutdown
	 * hook while {@link #start()} is still running.
	 */
	void stop() {
		List<ChildProcess> runningServices;
		List<CompletableFuture<Void>> starts;
		synchronized (this.lock) {
			if (this.stopping) {
				return;
			}
			this.stopping = true;
			runningServices = List.copyOf(this.services);
			starts = this.infrastructureStarts;
		}
		CompletableFuture
			.allOf(runningServices.stream()
				.filter(ChildProcess::isAlive)
				.map((service) -> CompletableFuture.runAsync(() -> stopChild(service, SERVICE_STOP_GRACE),
						this.executor))
				.toArray(CompletableFuture[]::new))
			.join();
		// A broker or mail server still starting would otherwise come up after this look
		// and be left behind; their starts end within their own time limits.
		starts.forEach((start) -> start.handle((result, failure) -> null).join());
		if (this.kafka != null && this.kafka.isRunning()) {
			stopChild(this.kafka.childProcess(), KAFKA_STOP_GRACE);
		}
		if (this.zipkin != null && this.zipkin.childProcess().isAlive()) {
			stopChild(this.zipkin.childProcess(), ZIPKIN_STOP_GRACE);
		}
		if (this.greenMail != null && this.greenMail.childProcess().isAlive()) {
			stopChild(this.greenMail.childProcess(), GREENMAIL_STOP_GRACE);
		}
	}

	boolean isStopping() {
		synchronized (this.lock) {
			return this.stopping;
		}
	}

	/**
	 * Blocks until every child has exited, and tells whether all were stopped on purpose.
	 */
	boolean awaitExit() {
		List<ChildProcess> all;
		synchronized (this.lock) {
			all = List.copyOf(this.watched);
		}
		CompletableFuture.allOf(all.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new)).join();
		synchronized (this.lock) {
			return this.stopping;
		}
	}

	/**
	 * @return the path relative to the project when it is inside it, as a user types it
	 */
	Path shown(Path path) {
		return path.startsWith(this.projectDir) ? this.projectDir.relativize(path) : path;
	}

	Path partnerConfigFile() {
		return partnerConfigFile(this.dataDir);
	}

	/**
	 * @param dataDir a data directory of the local stack
	 * @return where the demo partner's client configuration is in it
	 */
	static Path partnerConfigFile(Path dataDir) {
		return partnerConfigFile(dataDir, DEMO_PARTNER);
	}

	/**
	 * @param dataDir a data directory of the local stack
	 * @param partner one of the partners the local stack keeps
	 * @return where that partner's client configuration is in it
	 */
	static Path partnerConfigFile(Path dataDir, String partner) {
		return dataDir.resolve("kafka").resolve(partner + ".properties");
	}

	Path adminConfigFile() {
		return this.dataDir.resolve("kafka").resolve("admin.properties");
	}

	/**
	 * The demo partner, with its kept password, and the client configurations of it and
	 * of the administrator, ready for Kafka's tools.
	 */
	private void grantDemoPartner() {
		KafkaUser partner = this.kafkaCredentials.user(DEMO_PARTNER);
		try (Admin admin = Admin.create(this.kafka.clientConfig(KafkaCredentials.ADMIN))) {
			new Partners(admin).grant(partner);
		}
		writePrivately(partnerConfigFile(), partner.clientPropertiesFile(Service.KAFKA));
		writePrivately(adminConfigFile(), this.kafkaCredentials.admin().clientPropertiesFile(Service.KAFKA));
	}

	/**
	 * The demo's package and its partner: defines {@value #DEMO_PACKAGE} (the category
	 * sport) unless it exists, gives {@value #DEMO_PACKAGE_PARTNER} its kept password and
	 * that package only, and writes its client configuration.
	 * @return where the partner's client configuration is
	 */
	Path addDemoPackage() {
		Map<String, Object> config = this.kafka.clientConfig(KafkaCredentials.ADMIN);
		KafkaUser partner = this.kafkaCredentials.user(DEMO_PACKAGE_PARTNER);
		try (Admin admin = Admin.create(config)) {
			Packages packages = Packages.asAdministrator(admin, config);
			if (!packages.exists(DEMO_PACKAGE)) {
				packages.add(new Packages.Definition(DEMO_PACKAGE, List.of(DEMO_PACKAGE), List.of(), List.of(), null));
			}
			new Partners(admin, packages::exists).grant(partner, List.of(DEMO_PACKAGE));
		}
		Path file = partnerConfigFile(this.dataDir, DEMO_PACKAGE_PARTNER);
		writePrivately(file, partner.clientPropertiesFile(Service.KAFKA));
		return file;
	}

	private static void writePrivately(Path file, String text) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
			ApiToken.restrictToOwner(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private void startService(Service service) {
		ChildProcess child = new ChildProcess(service.name(), List.of(Jvm.javaExecutable(), "-Xmx384m",
				// The serial collector leaves more of a small machine to the others; the
				// full JIT stays, so that the benchmarks measure what production runs.
				"-XX:+UseSerialGC", "-jar", service.jar(this.projectDir).toString()),
				service.fullEnvironment(this.dataDir, this.kafkaCredentials, zipkinSpans()), this.projectDir,
				this.dataDir.resolve("logs").resolve(service.name() + ".log"));
		timed(service.name() + " on http://localhost:" + service.port(), () -> {
			synchronized (this.lock) {
				requireNotStopping();
				if (!FreePorts.isFree(service.port())) {
					throw new IllegalStateException("Port " + service.port() + " on 127.0.0.1 is in use");
				}
				child.start(false);
				this.services.add(child);
			}
			awaitReadiness(service, child);
			watch(child);
		});
	}

	private Optional<String> zipkinSpans() {
		return Optional.ofNullable(this.zipkin).map(ZipkinProcess::spansEndpoint);
	}

	private void awaitReadiness(Service service, ChildProcess child) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(service.readinessUrl()))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + SERVICE_READY_TIMEOUT.toNanos();
		while (true) {
			if (!child.isAlive()) {
				throw new IllegalStateException(service.name() + " exited while starting (exit code "
						+ child.onExit().join() + "). Last lines of " + child.outputFile() + ":"
						+ System.lineSeparator() + child.tail(40));
			}
			try {
				if (this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + service.name(), ex);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(service.name() + " was not ready at " + service.readinessUrl()
						+ " within " + SERVICE_READY_TIMEOUT.toSeconds() + " s. Last lines of " + child.outputFile()
						+ ":" + System.lineSeparator() + child.tail(40));
			}
			Pause.briefly();
		}
	}

	private void watch(ChildProcess child) {
		synchronized (this.lock) {
			this.watched.add(child);
		}
		child.onExit().thenAccept((exitCode) -> {
			synchronized (this.lock) {
				if (this.stopping) {
					return;
				}
			}
			this.out.printf("%n!! %s exited unexpectedly (exit code %d). Last lines of %s:%n%s%n%n", child.name(),
					exitCode, child.outputFile(), child.tail(30));
		});
	}

	private void stopChild(ChildProcess child, Duration grace) {
		long started = System.nanoTime();
		boolean graceful = child.stop(grace);
		this.out.printf("- %s stopped%s (%s)%n", child.name(), graceful ? "" : " forcibly", seconds(started));
	}

	private void timed(String what, Runnable start) {
		long started = System.nanoTime();
		start.run();
		this.out.printf("- %s ready (%s)%n", what, seconds(started));
	}

	private void requireNotStopping() {
		if (this.stopping) {
			throw new IllegalStateException("Stopping");
		}
	}

	static String seconds(long startedNanos) {
		return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
	}

	/**
	 * Waits for all, then fails with the first failure: returning at the first one would
	 * leave the others starting processes nobody stops.
	 */
	private static void joinAll(List<CompletableFuture<Void>> futures) {
		RuntimeException failure = null;
		for (CompletableFuture<Void> future : futures) {
			try {
				future.join();
			}
			catch (CompletionException ex) {
				RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
				if (failure == null) {
					failure = cause;
				}
				else if (failure != cause) {
					failure.addSuppressed(cause);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
