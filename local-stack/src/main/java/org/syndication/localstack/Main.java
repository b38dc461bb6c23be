package org.syndication.localstack;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code java -jar local-stack/target/local-stack.jar [--demo] [--tracing] [--data-dir DIR]
 * [--project-dir DIR]}: the whole system on this machine, with only a JDK.
 */
public final class Main {

	private static final String USAGE = """
			Usage: java -jar local-stack/target/local-stack.jar [--demo] [--tracing] [--data-dir DIR] [--project-dir DIR]
			       java -jar local-stack/target/local-stack.jar partners add|list|status|grant|revoke-package|revoke ... (partners --help)
			       java -jar local-stack/target/local-stack.jar packages add|change|list|remove ... (packages --help)
			  --demo             publish sample articles if the publisher has none yet, define the package sport (the
			                     category sport) and give it to the partner sportdesk (<data>/kafka/sportdesk.properties)
			  --tracing          also run a Zipkin server on 127.0.0.1:9411 (its UI at http://localhost:9411/zipkin/, spans
			                     in memory) and send it a trace of every request and event of every service; its jar is
			                     fetched by ./run-local.sh --tracing (or %s)
			  --data-dir DIR     where Kafka, the databases, the logs and the API token live (default: <project>/data)
			  --project-dir DIR  the checkout whose <service>/target/<service>.jar to run (default: found from the working directory)
			Environment: SYNDICATION_API_TOKEN sets the publisher's API token (default: generated once, kept in <data>/api-token);
			             SERVER_ADDRESS the address the services listen on (default: 127.0.0.1, like Kafka and the mail server)""";

	private Main() {
	}

	static String usage() {
		return USAGE.formatted(ZipkinProcess.FETCH);
	}

	public static void main(String[] args) {
		// Before any logger exists: GreenMail's uber jar on the classpath carries a
		// log4j2.xml
		// at INFO, and this console is for the summary, not the Kafka client's chatter.
		System.setProperty("log4j2.configurationFile", "classpath:org/syndication/localstack/launcher-log4j2.xml");
		PrintStream out = System.out;
		if (args.length > 0 && args[0].equals("partners")) {
			System.exit(new PartnersCommand(out, System.err, System.in).run(List.of(args).subList(1, args.length),
					Path.of("").toAbsolutePath()));
			return;
		}
		if (args.length > 0 && args[0].equals("packages")) {
			System.exit(new PackagesCommand(out, System.err).run(List.of(args).subList(1, args.length),
					Path.of("").toAbsolutePath()));
			return;
		}
		Options options;
		try {
			options = Options.parse(args, Path.of("").toAbsolutePath());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(usage());
			System.exit(2);
			return;
		}
		if (options.help()) {
			out.println(usage());
			return;
		}
		String apiToken = ApiToken.resolve(System.getenv(), options.dataDir());
		KafkaCredentials kafkaCredentials;
		try {
			kafkaCredentials = LocalKafkaUsers.kafkaCredentials(options.dataDir());
		}
		catch (IllegalStateException ex) {
			System.err.println("!! " + ex.getMessage());
			System.exit(1);
			return;
		}
		LocalStack stack = new LocalStack(options.projectDir(), options.dataDir(), apiToken, kafkaCredentials,
				options.tracing(), out);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (!stack.isStopping()) {
				out.println();
				out.println("Stopping: " + LocalStack.stopOrder(options.tracing()) + " ...");
				stack.stop();
				out.println("Stopped.");
			}
		}, "local-stack-stop"));

		out.printf("Starting the local stack from %s, data in %s%n", options.projectDir(), options.dataDir());
		List<Service> running;
		try {
			running = stack.start();
		}
		catch (RuntimeException ex) {
			if (stack.isStopping()) {
				return;
			}
			out.println();
			out.println("!! Start-up failed: " + ex.getMessage());
			for (Throwable other : ex.getSuppressed()) {
				out.println("!! Also failed: " + other.getMessage().lines().findFirst().orElse(""));
			}
			out.println();
			out.println("Stopping everything that was started ...");
			stack.stop();
			System.exit(1);
			return;
		}
		// From the JVM's start, not the process's: run-local.sh execs into this process
		// after building.
		Duration startup = Duration
			.ofMillis(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
		if (options.demo()) {
			if (running.stream().anyMatch((service) -> service.name().equals("publisher-service"))) {
				new Demo("http://127.0.0.1:8081", apiToken, out).publishIfEmpty();
			}
			else {
				out.println("- demo: skipped, publisher-service is not running");
			}
			try {
				Path sportdesk = stack.addDemoPackage();
				out.printf("- demo: package %s (the category sport) on %s, held by partner %s (%s)%n",
						LocalKafkaUsers.DEMO_PACKAGE, Packages.topic(LocalKafkaUsers.DEMO_PACKAGE),
						LocalKafkaUsers.DEMO_PACKAGE_PARTNER, stack.shown(sportdesk));
			}
			catch (RuntimeException ex) {
				out.println("- demo: could not define the package " + LocalKafkaUsers.DEMO_PACKAGE + ": "
						+ ex.getMessage());
			}
		}
		out.println(Banner.text(running, apiToken, kafkaCredentials.user(LocalKafkaUsers.DEMO_PARTNER),
				stack.shown(options.dataDir()), startup, options.tracing()));
		if (!stack.awaitExit()) {
			out.println("Every component has exited; nothing is left to run.");
			System.exit(1);
		}
	}

	/**
	 * The command line.
	 */
	record Options(boolean demo, boolean tracing, boolean help, Path projectDir, Path dataDir) {

		static Options parse(String[] args, Path workingDir) {
			boolean demo = false;
			boolean tracing = false;
			boolean help = false;
			Path projectDir = null;
			Path dataDir = null;
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				switch (arg) {
					case "--demo" -> demo = true;
					case "--tracing" -> tracing = true;
					case "-h", "--help" -> help = true;
					case "--data-dir" -> dataDir = workingDir.resolve(value(args, ++i, arg));
					case "--project-dir" -> projectDir = workingDir.resolve(value(args, ++i, arg));
					default -> {
						if (arg.startsWith("--data-dir=")) {
							dataDir = workingDir.resolve(arg.substring("--data-dir=".length()));
						}
						else if (arg.startsWith("--project-dir=")) {
							projectDir = workingDir.resolve(arg.substring("--project-dir=".length()));
						}
						else {
							throw new IllegalArgumentException("Unknown option: " + arg);
						}
					}
				}
			}
			if (help) {
				return new Options(false, false, true, workingDir, workingDir);
			}
			projectDir = (projectDir != null) ? projectDir.normalize() : findProjectDir(workingDir);
			dataDir = (dataDir != null) ? dataDir.normalize() : projectDir.resolve("data");
			return new Options(demo, tracing, false, projectDir, dataDir);
		}

		private static String value(String[] args, int index, String option) {
			if (index >= args.length || args[index].startsWith("--")) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return args[index];
		}

		static Path projectDirOrWorkingDir(Path workingDir) {
			try {
				return findProjectDir(workingDir);
			}
			catch (IllegalArgumentException ex) {
				return workingDir;
			}
		}

		// The checkout is the nearest directory up that has the root pom and this module.
		private static Path findProjectDir(Path workingDir) {
			for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
				if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("local-stack"))) {
					return dir;
				}
			}
			throw new IllegalArgumentException(
					"Cannot find the project from " + workingDir + ": run from the checkout or pass --project-dir");
		}

	}

}
