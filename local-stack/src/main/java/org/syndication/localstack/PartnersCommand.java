package org.syndication.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code java -jar local-stack/target/local-stack.jar partners add|list|status|revoke}:
 * partner onboarding on a running cluster, as its administrator.
 */
final class PartnersCommand {

	static final String USAGE = """
			Usage: java -jar local-stack/target/local-stack.jar partners COMMAND [OPTIONS]
			  add NAME           add a partner: a Kafka user that may read its packages' topics and use
			                     consumer groups named NAME.*; prints its password (once) and a client
			                     configuration
			  list               list the partners and their packages
			  grant NAME PACKAGE           let a partner read one more package, at once
			  revoke-package NAME PACKAGE  take a package from a partner: it can read nothing more of it at once
			  status [NAME]      each partner's consumer groups (or NAME's): the records each has not read yet
			                     on each topic, how far behind that is, and a warning for a group behind by
			                     two sevenths of the history the topic keeps (two days of seven)
			  revoke NAME        revoke a partner: its ACLs and its user are deleted at once; an open
			                     connection ends at its next re-authentication (within a minute)
			Options:
			  --password-stdin   (add) read the password from standard input instead of generating one
			  --packages A,B     (add) the packages the partner may read (default: all, the 'articles'
			                     topic; see 'packages list')
			  --bootstrap-server HOST:PORT   the cluster (default: the local stack's, 127.0.0.1:9092)
			  --command-config FILE          an administrator's client properties
			                                 (default: <data>/kafka/admin.properties, written by the local stack)
			  --data-dir DIR     the local stack's data directory (default: ./data)
			NAME: 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit.""";

	private final PrintStream out;

	private final PrintStream err;

	private final InputStream in;

	PartnersCommand(PrintStream out, PrintStream err, InputStream in) {
		this.out = out;
		this.err = err;
		this.in = in;
	}

	/**
	 * @param args what follows {@code partners} on the command line
	 * @param workingDir where relative paths start
	 * @return the exit code ({@link AdminCommandLine}): 0 done, 1 Kafka refused or
	 * failed, 2 a wrong command line or name
	 */
	int run(List<String> args, Path workingDir) {
		Arguments arguments;
		try {
			arguments = Arguments.parse(args, workingDir);
		}
		catch (IllegalArgumentException ex) {
			this.err.println(ex.getMessage());
			this.err.println(USAGE);
			return AdminCommandLine.REFUSED;
		}
		if (arguments.command().equals("help")) {
			this.out.println(USAGE);
			return AdminCommandLine.DONE;
		}
		return AdminCommandLine.run(this.err, () -> {
			if (!arguments.command().equals("list") && arguments.name() != null) {
				// A wrong name is refused before anything reaches Kafka.
				Partners.requireValidName(arguments.name());
			}
			String password = arguments.passwordFromStdin() ? readPassword() : null;
			Map<String, Object> config = adminConfig(arguments);
			try (Admin admin = Admin.create(config)) {
				Packages packages = Packages.asAdministrator(admin, config);
				Partners partners = new Partners(admin, packages::exists);
				switch (arguments.command()) {
					case "add" -> added(partners.add(arguments.name(), password, arguments.packages()),
							arguments.packages(), config);
					case "grant" -> {
						partners.grant(arguments.name(), arguments.packageName());
						this.out.printf("Partner '%s' may read package '%s' (topic '%s') now.%n", arguments.name(),
								arguments.packageName(), Packages.topic(arguments.packageName()));
					}
					case "revoke-package" -> {
						partners.revokePackage(arguments.name(), arguments.packageName());
						this.out.printf("Partner '%s' can read nothing more of package '%s'.%n", arguments.name(),
								arguments.packageName());
					}
					case "revoke" -> {
						partners.revoke(arguments.name());
						this.out.printf("Partner '%s' revoked: it can no longer authenticate, and an open "
								+ "connection can read nothing more.%n", arguments.name());
					}
					case "status" -> status(partners, arguments.name(), admin, config);
					default -> listed(partners.list());
				}
			}
		});
	}

	private void added(KafkaUser partner, List<String> packages, Map<String, Object> adminConfig) {
		this.out.printf("Partner '%s' added. It may read the topics %s with consumer groups named '%s*'.%n",
				partner.name(), packages.stream().map((name) -> "'" + Packages.topic(name) + "'").toList(),
				Partners.groupPrefix(partner.name()));
		this.out.println("Its password is shown this once:");
		this.out.println();
		this.out.println("  " + partner.password());
		this.out.println();
		this.out.println("Its client configuration (Java client properties; the connection as this command used it):");
		this.out.println();
		partnerConfig(partner, adminConfig).forEach((key, value) -> this.out.println(key + "=" + value));
	}

	private void status(Partners partners, String name, Admin admin, Map<String, Object> adminConfig) {
		List<String> names = partners.list().stream().map(Partners.Partner::name).toList();
		if (name != null && !names.contains(name)) {
			throw new IllegalArgumentException("There is no partner named '" + name + "'");
		}
		Map<String, Object> readerConfig = new LinkedHashMap<>(adminConfig);
		readerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		readerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		readerConfig.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
		PartnerStatus status = new PartnerStatus(admin, PartnerStatus.Reader
			.with(() -> new KafkaConsumer<>(readerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())));
		Instant now = Instant.now();
		Map<String, List<PartnerStatus.Group>> groups = status.of((name != null) ? List.of(name) : names, now);
		if (groups.isEmpty()) {
			this.out.println("No partners.");
			return;
		}
		this.out.printf("%-20s %-28s %-12s %7s  %-16s %10s  %-20s %s%n", "PARTNER", "GROUP", "STATE", "MEMBERS",
				"TOPIC", "LAG", "OLDEST UNREAD", "BEHIND");
		groups.forEach((partner, own) -> {
			if (own.isEmpty()) {
				this.out.printf("%-20s %s%n", partner, "no consumer groups");
			}
			for (PartnerStatus.Group group : own) {
				if (group.topics().isEmpty()) {
					this.out.printf("%-20s %-28s %-12s %7d  %s%n", partner, group.id(), group.state(), group.members(),
							"no offsets committed");
				}
				for (PartnerStatus.TopicLag topic : group.topics()) {
					this.out.printf("%-20s %-28s %-12s %7d  %-16s %10d  %-20s %s%n", partner, group.id(), group.state(),
							group.members(), topic.topic(), topic.lag(),
							topic.oldestUnread()
								.map((time) -> time.truncatedTo(ChronoUnit.SECONDS).toString())
								.orElse("-"),
							behind(topic));
				}
			}
		});
	}

	private static String behind(PartnerStatus.TopicLag topic) {
		if (topic.lag() == 0) {
			return "up to date";
		}
		String text = human(topic.behind());
		if (topic.warned()) {
			Duration history = topic.history().orElseThrow();
			Duration threshold = PartnerStatus.warningAfter(history);
			text += "  WARNING: over %s behind on a topic that keeps %s of history: changes may be compacted away unread"
				.formatted(human(threshold), human(history));
		}
		return text;
	}

	private static String human(Duration duration) {
		if (duration.toDays() > 0) {
			return (duration.toHoursPart() == 0) ? "%d d".formatted(duration.toDays())
					: "%d d %d h".formatted(duration.toDays(), duration.toHoursPart());
		}
		if (duration.toHours() > 0) {
			return "%d h %d min".formatted(duration.toHours(), duration.toMinutesPart());
		}
		return "%d min %d s".formatted(duration.toMinutes(), duration.toSecondsPart());
	}

	private void listed(List<Partners.Partner> partners) {
		if (partners.isEmpty()) {
			this.out.println("No partners.");
			return;
		}
		this.out.printf("%-32s %-34s %-24s %s%n", "PARTNER", "CONSUMER GROUPS", "PACKAGES", "STATE");
		for (Partners.Partner partner : partners) {
			String state = partner.canAuthenticate() ? (partner.hasPartnerAcls() ? "active" : "ACLs differ")
					: "no user: cannot connect (revoke it to clean up)";
			this.out.printf("%-32s %-34s %-24s %s%n", partner.name(), partner.groupPrefix() + "*",
					String.join(",", partner.packages()), state);
		}
	}

	/**
	 * The administrator's connection settings with the partner's credential instead.
	 */
	static Map<String, Object> partnerConfig(KafkaUser partner, Map<String, Object> adminConfig) {
		Map<String, Object> config = new LinkedHashMap<>();
		adminConfig.forEach((key, value) -> {
			if (key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) || key.equals("security.protocol")
					|| key.startsWith("ssl.truststore.")) {
				config.put(key, value);
			}
		});
		config.put("sasl.mechanism", KafkaUser.MECHANISM);
		config.put("sasl.jaas.config", partner.jaasConfig());
		return config;
	}

	private static Map<String, Object> adminConfig(Arguments arguments) {
		return adminConfig(arguments.commandConfig(), arguments.bootstrapServer());
	}

	/**
	 * @param file an administrator's client properties
	 * @param bootstrapServer the cluster, or null for the file's or the local stack's
	 * @return the administrator's client configuration
	 */
	static Map<String, Object> adminConfig(Path file, String bootstrapServer) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("No administrator's client configuration at " + file
					+ ": start the local stack once (it writes it), or pass --command-config FILE");
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file + ": " + ex.getMessage());
		}
		Map<String, Object> config = new LinkedHashMap<>();
		properties.stringPropertyNames()
			.stream()
			.sorted()
			.forEach((key) -> config.put(key, properties.getProperty(key)));
		if (bootstrapServer != null) {
			config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
		}
		config.putIfAbsent(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Service.KAFKA);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
		return config;
	}

	private String readPassword() {
		try {
			String line = new BufferedReader(new InputStreamReader(this.in, StandardCharsets.UTF_8)).readLine();
			if (line == null || line.isBlank()) {
				throw new IllegalArgumentException("--password-stdin: no password on standard input");
			}
			return line.strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the password from standard input: " + ex.getMessage());
		}
	}

	/**
	 * The command line after {@code partners}.
	 */
	record Arguments(String command, String name, boolean passwordFromStdin, String bootstrapServer, Path commandConfig,
			List<String> packages, String packageName) {

		static Arguments parse(List<String> args, Path workingDir) {
			List<String> positional = new ArrayList<>();
			boolean passwordFromStdin = false;
			List<String> packages = null;
			AdminCommandLine.Cluster cluster = new AdminCommandLine.Cluster(workingDir);
			for (int i = 0; i < args.size(); i++) {
				int value = cluster.take(args, i);
				if (value >= 0) {
					i = value;
					continue;
				}
				String arg = args.get(i);
				switch (arg) {
					case "--password-stdin" -> passwordFromStdin = true;
					case "--packages" -> packages = list(AdminCommandLine.value(args, ++i, arg));
					case "-h", "--help" -> positional.add(0, "help");
					default -> {
						if (arg.startsWith("--")) {
							throw new IllegalArgumentException("Unknown option: " + arg);
						}
						positional.add(arg);
					}
				}
			}
			if (positional.isEmpty()) {
				throw new IllegalArgumentException(
						"partners needs a command: add, list, status, grant, revoke-package or revoke");
			}
			String command = positional.get(0);
			int names = switch (command) {
				case "help", "list" -> 0;
				case "add", "revoke" -> 1;
				case "grant", "revoke-package" -> 2;
				case "status" -> (positional.size() > 1) ? 1 : 0;
				default -> throw new IllegalArgumentException("Unknown partners command: " + command);
			};
			if (positional.size() != names + 1 && !command.equals("help")) {
				throw new IllegalArgumentException(switch (names) {
					case 0 -> command + " takes no name";
					case 1 -> command + " needs exactly one partner name";
					default -> command + " needs a partner name and a package name";
				});
			}
			if (passwordFromStdin && !command.equals("add")) {
				throw new IllegalArgumentException("--password-stdin goes with add");
			}
			if (packages != null && !command.equals("add")) {
				throw new IllegalArgumentException("--packages goes with add");
			}
			if (packages != null && packages.isEmpty()) {
				throw new IllegalArgumentException("--packages needs at least one package");
			}
			return new Arguments(command, (names >= 1) ? positional.get(1) : null, passwordFromStdin,
					cluster.bootstrapServer(), cluster.commandConfig(),
					(packages != null) ? packages : List.of(Packages.ALL), (names == 2) ? positional.get(2) : null);
		}

		/** A comma-separated list, without blanks and repeats. */
		static List<String> list(String value) {
			List<String> values = new ArrayList<>();
			for (String item : value.split(",")) {
				String stripped = item.strip();
				if (!stripped.isEmpty() && !values.contains(stripped)) {
					values.add(stripped);
				}
			}
			return List.copyOf(values);
		}

	}

}
