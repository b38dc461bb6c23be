package org.syndication.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts Kafka, GreenMail, with tracing Zipkin, and the services as child processes, and
 * stops them in reverse order: services first, so that none of them is left without its
 * broker while it still works, nor without Zipkin while it sends its last spans.
 */
final class LocalStack {

	private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(15);

	// A controlled shutdown of a broker with many partitions can take a while.
	private static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(30);

	private static final Duration GREENMAIL_STOP_GRACE = Duration.ofSeconds(10);

	private static final Duration ZIPKIN_STOP_GRACE = Duration.ofSeconds(10);

	private final Path projectDir;

	private final Path dataDir;

	private final String apiToken;

	private final KafkaCredentials kafkaCredentials;

	private final boolean tracing;

	private final PrintStream out;

	private final Progress progress;

	private final LocalKafkaUsers users;

	private final ServiceLauncher launcher;

	private final ExecutorService executor = Executors.newCachedThreadPool(Futures.daemonThreads("local-stack"));

	private final Object lock = new Object();

	private boolean stopping;

	private KafkaBrokerProcess kafka;

	private GreenMailProcess greenMail;

	private ZipkinProcess zipkin;

	private final List<ChildProcess> services = new ArrayList<>();

	private List<CompletableFuture<Void>> infrastructureStarts = List.of();

	private final ExitWatch exits;

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
		this.progress = new Progress(out);
		this.users = new LocalKafkaUsers(dataDir, kafkaCredentials);
		this.launcher = new ServiceLauncher(projectDir, dataDir, kafkaCredentials);
		this.exits = new ExitWatch(out, this::isStopping);
	}

	/**
	 * @param tracing whether Zipkin runs
	 * @return the order in which {@link #stop()} stops the components
	 */
	static String stopOrder(boolean tracing) {
		return tracing ? "services, then Kafka, then Zipkin, then GreenMail" : "services, then Kafka, then GreenMail";
	}

	/**
	 * Starts everything and returns the services that run.
	 * @throws IllegalStateException with the failing component's log tail
	 */
	List<Service> start() {
		Path logs = this.dataDir.resolve("logs");
		List<CompletableFuture<Void>> starts = new ArrayList<>();
		synchronized (this.lock) {
			requireNotStopping();
			// First: without its jar, nothing else is started.
			if (this.tracing) {
				this.zipkin = new ZipkinProcess(ZipkinProcess.jar(this.projectDir), ZipkinProcess.PORT, this.dataDir,
						logs.resolve("zipkin.log"));
			}
			this.kafka = new KafkaBrokerProcess(KafkaNodeConfig.standalone(9092, 9093, this.dataDir.resolve("kafka"),
					this.kafkaCredentials, KafkaBrokerProcess.SESSION_LIFETIME), logs.resolve("kafka.log"), false);
			this.greenMail = new GreenMailProcess(Service.SMTP_PORT, Service.IMAP_PORT, this.dataDir,
					logs.resolve("greenmail.log"));
			// GreenMail comes up while the broker does: it is small and quick.
			CompletableFuture<Void> mail = startAsync(
					"GreenMail on SMTP 127.0.0.1:" + Service.SMTP_PORT + ", IMAP 127.0.0.1:" + Service.IMAP_PORT,
					this.greenMail::start);
			starts.add(startAsync("Kafka on " + this.kafka.bootstrapServers(), this.kafka::start));
			starts.add(mail);
			// Before the services, so that their first spans find it.
			if (this.zipkin != null) {
				starts.add(startAsync("Zipkin on " + ZipkinProcess.UI, this.zipkin::start));
			}
			this.infrastructureStarts = List.copyOf(starts);
		}
		Futures.joinAll(starts);
		this.progress.timed(
				"Kafka users and ACLs, the demo partner's configuration in " + shown(this.users.partnerConfigFile()),
				() -> this.users.grantDemoPartner(adminConfig()));
		this.exits.watch(this.kafka.childProcess());
		this.exits.watch(this.greenMail.childProcess());
		if (this.zipkin != null) {
			this.exits.watch(this.zipkin.childProcess());
		}

		List<Service> present = this.launcher.present(this.apiToken, this.out);
		List<Service> first = present.stream().limit(1).toList();
		List<Service> rest = present.stream().skip(1).toList();
		first.forEach(this::startService);
		Futures.joinAll(rest.stream()
			.map((service) -> CompletableFuture.runAsync(() -> startService(service), this.executor))
			.toList());
		return present;
	}

	private CompletableFuture<Void> startAsync(String what, Runnable start) {
		return CompletableFuture.runAsync(() -> this.progress.timed(what, start), this.executor);
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
				.map((service) -> CompletableFuture.runAsync(() -> this.progress.stop(service, SERVICE_STOP_GRACE),
						this.executor))
				.toArray(CompletableFuture[]::new))
			.join();
		// A broker or mail server still starting would otherwise come up after this look
		// and be left behind; their starts end within their own time limits.
		starts.forEach((start) -> start.handle((result, failure) -> null).join());
		if (this.kafka != null && this.kafka.isRunning()) {
			this.progress.stop(this.kafka.childProcess(), KAFKA_STOP_GRACE);
		}
		if (this.zipkin != null && this.zipkin.childProcess().isAlive()) {
			this.progress.stop(this.zipkin.childProcess(), ZIPKIN_STOP_GRACE);
		}
		if (this.greenMail != null && this.greenMail.childProcess().isAlive()) {
			this.progress.stop(this.greenMail.childProcess(), GREENMAIL_STOP_GRACE);
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
		this.exits.awaitAll();
		return isStopping();
	}

	/**
	 * @return the path relative to the project when it is inside it, as a user types it
	 */
	Path shown(Path path) {
		return path.startsWith(this.projectDir) ? this.projectDir.relativize(path) : path;
	}

	/**
	 * The demo's package and its partner (see {@link LocalKafkaUsers#addDemoPackage}).
	 * @return where the partner's client configuration is
	 */
	Path addDemoPackage() {
		return this.users.addDemoPackage(adminConfig());
	}

	private Map<String, Object> adminConfig() {
		return this.kafka.clientConfig(KafkaCredentials.ADMIN);
	}

	private void startService(Service service) {
		ChildProcess child = this.launcher.child(service, zipkinSpans());
		this.progress.timed(service.name() + " on http://localhost:" + service.port(), () -> {
			synchronized (this.lock) {
				requireNotStopping();
				if (!FreePorts.isFree(service.port())) {
					throw new IllegalStateException("Port " + service.port() + " on 127.0.0.1 is in use");
				}
				child.start(false);
				this.services.add(child);
			}
			this.launcher.awaitReadiness(service, child);
			this.exits.watch(child);
		});
	}

	private Optional<String> zipkinSpans() {
		return Optional.ofNullable(this.zipkin).map(ZipkinProcess::spansEndpoint);
	}

	private void requireNotStopping() {
		if (this.stopping) {
			throw new IllegalStateException("Stopping");
		}
	}

}
