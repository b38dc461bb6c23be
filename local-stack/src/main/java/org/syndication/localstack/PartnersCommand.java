package org.syndication.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
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
			""" + AdminCommandLine.COMMON_OPTIONS;

	private final PrintStream out;

	private final PrintStream err;

	private final InputStream in;

	private final Clock clock;

	PartnersCommand(PrintStream out, PrintStream err, InputStream in) {
		this(out, err, in, Clock.systemUTC());
	}

	/** With the clock that says how far behind a group is. */
	PartnersCommand(PrintStream out, PrintStream err, InputStream in, Clock clock) {
		this.out = out;
		this.err = err;
		this.in = in;
		this.clock = clock;
	}

	/**
	 * @param args what follows {@code partners} on the command line
	 * @param workingDir where relative paths start
	 * @return the exit code ({@link AdminCommandLine}): 0 done, 1 Kafka refused or
	 * failed, 2 a wrong command line or name
	 */
	int run(List<String> args, Path workingDir) {
		return AdminCommandLine.run(this.out, this.err, USAGE, () -> Arguments.parse(args, workingDir), this::run);
	}

	private void run(Arguments arguments) {
		if (!arguments.command().equals("list") && arguments.name() != null) {
			// A wrong name is refused before anything reaches Kafka.
			PartnerNames.requireValid(arguments.name());
		}
		String password = arguments.passwordFromStdin() ? readPassword() : null;
		Map<String, Object> config = ClientConfigs.admin(arguments.commandConfig(), arguments.bootstrapServer());
		PartnersReport report = new PartnersReport(this.out);
		try (Admin admin = Admin.create(config)) {
			Packages packages = Packages.asAdministrator(admin, config);
			Partners partners = new Partners(admin, packages::exists);
			switch (arguments.command()) {
				case "add" -> report.added(partners.add(arguments.name(), password, arguments.packages()),
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
				case "status" -> report.status(status(partners, arguments.name(), admin, config));
				default -> report.listed(partners.list());
			}
		}
	}

	private Map<String, List<PartnerStatus.Group>> status(Partners partners, String name, Admin admin,
			Map<String, Object> adminConfig) {
		List<String> names = partners.list().stream().map(Partners.Partner::name).toList();
		if (name != null && !names.contains(name)) {
			throw new IllegalArgumentException("There is no partner named '" + name + "'");
		}
		Map<String, Object> readerConfig = ClientConfigs.readCommittedConsumer(adminConfig);
		PartnerStatus status = new PartnerStatus(admin, PartnerStatus.Reader
			.with(() -> new KafkaConsumer<>(readerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())));
		return status.of((name != null) ? List.of(name) : names, this.clock.instant());
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
			List<String> packages, String packageName) implements AdminCommandLine.Parsed {

		static Arguments parse(List<String> args, Path workingDir) {
			AdminCommandLine.Common common = AdminCommandLine.Common.read(args, workingDir, Set.of("--password-stdin"),
					Set.of("--packages"));
			boolean passwordFromStdin = common.flag("--password-stdin");
			List<String> packages = common.list("--packages");
			List<String> positional = common.positional();
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
					common.bootstrapServer(), common.commandConfig(),
					(packages != null) ? packages : List.of(Packages.ALL), (names == 2) ? positional.get(2) : null);
		}

	}

}
