package org.syndication.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;

/**
 * {@code java -jar local-stack/target/local-stack.jar packages add|list|remove}:
 * partners' licensed packages on a running cluster, as its administrator.
 */
final class PackagesCommand {

	static final String USAGE = """
			Usage: java -jar local-stack/target/local-stack.jar packages COMMAND [OPTIONS]
			  add NAME           define a package: the articles in any of its categories, in any of its
			                     languages and by any of its authors (a kind left out does not restrict),
			                     on the compacted topic articles.pkg.NAME, filled from the back-catalogue
			  change NAME ...    give a package another rule or format (the same options as add, the whole
			                     new rule): its topic is filled again from the back-catalogue, articles that
			                     no longer match get a tombstone, and its partners keep it
			  list               list the packages ('all' is every article, the topic 'articles')
			  remove NAME        remove a package: partners can read nothing more of it at once, and its
			                     topic is deleted
			Options:
			  --categories A,B   (add, change) categories, as articles name them
			  --languages A,B    (add, change) languages, as BCP 47 tags (zh, en-GB)
			  --authors A,B      (add, change) authors' names
			  --format FORMAT    (add, change) events (the event contract of 'articles', the default), ninjs (IPTC
			                     ninjs 3.1 items) or ninjs-2.2
			""" + AdminCommandLine.COMMON_OPTIONS;

	private final PrintStream out;

	private final PrintStream err;

	PackagesCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * @param args what follows {@code packages} on the command line
	 * @param workingDir where relative paths start
	 * @return the exit code: 0 done, 1 Kafka refused or failed, 2 a wrong command line or
	 * definition
	 */
	int run(List<String> args, Path workingDir) {
		return AdminCommandLine.run(this.out, this.err, USAGE, () -> Arguments.parse(args, workingDir), this::run);
	}

	private void run(Arguments arguments) {
		if (arguments.command().equals("add") || arguments.command().equals("change")) {
			// A wrong definition is refused before anything reaches Kafka.
			arguments.definition().validate();
		}
		Map<String, Object> config = ClientConfigs.admin(arguments.commandConfig(), arguments.bootstrapServer());
		try (Admin admin = Admin.create(config)) {
			Packages packages = Packages.asAdministrator(admin, config);
			switch (arguments.command()) {
				case "add" -> {
					packages.add(arguments.definition());
					this.out.printf(
							"Package '%s' defined: its topic '%s' is filled from the back-catalogue. "
									+ "Grant it with: partners grant PARTNER %s%n",
							arguments.name(), Packages.topic(arguments.name()), arguments.name());
				}
				case "change" -> {
					packages.change(arguments.definition());
					this.out.printf("Package '%s' changed: its topic '%s' is filled again from the back-catalogue.%n",
							arguments.name(), Packages.topic(arguments.name()));
				}
				case "remove" -> {
					packages.remove(arguments.name());
					this.out.printf("Package '%s' removed, and its topic '%s' deleted.%n", arguments.name(),
							Packages.topic(arguments.name()));
				}
				default -> listed(packages.list());
			}
		}
	}

	private void listed(Map<String, Packages.Definition> packages) {
		this.out.printf("%-24s %-32s %-10s %s%n", "PACKAGE", "TOPIC", "FORMAT", "RULE");
		packages.forEach((name, definition) -> this.out.printf("%-24s %-32s %-10s %s%n", name, Packages.topic(name),
				definition.format(), rule(definition)));
	}

	private static String rule(Packages.Definition definition) {
		if (definition.name().equals(Packages.ALL)) {
			return "every article";
		}
		List<String> parts = new ArrayList<>();
		if (!definition.categories().isEmpty()) {
			parts.add("categories " + String.join(", ", definition.categories()));
		}
		if (!definition.languages().isEmpty()) {
			parts.add("languages " + String.join(", ", definition.languages()));
		}
		if (!definition.authors().isEmpty()) {
			parts.add("authors " + String.join(", ", definition.authors()));
		}
		return String.join("; and ", parts);
	}

	/**
	 * The command line after {@code packages}.
	 */
	record Arguments(String command, String name, Packages.Definition definition, String bootstrapServer,
			Path commandConfig) implements AdminCommandLine.Parsed {

		static Arguments parse(List<String> args, Path workingDir) {
			AdminCommandLine.Common common = AdminCommandLine.Common.read(args, workingDir, Set.of(),
					Set.of("--categories", "--languages", "--authors", "--format"));
			List<String> categories = common.list("--categories");
			List<String> languages = common.list("--languages");
			List<String> authors = common.list("--authors");
			String format = common.option("--format");
			List<String> positional = common.positional();
			if (positional.isEmpty()) {
				throw new IllegalArgumentException("packages needs a command: add, change, list or remove");
			}
			String command = positional.get(0);
			int names = switch (command) {
				case "help", "list" -> 0;
				case "add", "change", "remove" -> 1;
				default -> throw new IllegalArgumentException("Unknown packages command: " + command);
			};
			if (positional.size() != names + 1 && !command.equals("help")) {
				throw new IllegalArgumentException(
						(names == 0) ? command + " takes no name" : command + " needs exactly one package name");
			}
			boolean rule = categories != null || languages != null || authors != null || format != null;
			boolean defines = command.equals("add") || command.equals("change");
			if (rule && !defines) {
				throw new IllegalArgumentException(
						"--categories, --languages, --authors and --format go with add and change");
			}
			String name = (names == 1) ? positional.get(1) : null;
			Packages.Definition definition = defines
					? new Packages.Definition(name, categories, languages, authors, format) : null;
			return new Arguments(command, name, definition, common.bootstrapServer(), common.commandConfig());
		}

	}

}
