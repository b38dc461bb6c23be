package org.syndication.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the administrative commands ({@code partners}, {@code packages}) share: the
 * options that name the cluster and the administrator's configuration, help and the
 * positional arguments, the reading of an option's value, and how a command ends.
 */
final class AdminCommandLine {

	/** Done. */
	static final int DONE = 0;

	/** Kafka refused or failed, or the configuration is missing. */
	static final int FAILED = 1;

	/** A wrong command line, name or definition: nothing was changed. */
	static final int REFUSED = 2;

	private AdminCommandLine() {
	}

	/**
	 * Reads a command line and runs it: a wrong one is refused with the usage, help
	 * prints the usage, and anything else is {@code work}.
	 * @param <A> the command line, read
	 * @param out where help goes
	 * @param err where messages go
	 * @param usage the command's usage
	 * @param parse reads the command line
	 * @param work the command's work
	 * @return {@link #DONE}, {@link #REFUSED} or {@link #FAILED}
	 */
	static <A extends Parsed> int run(PrintStream out, PrintStream err, String usage, Supplier<A> parse,
			Consumer<A> work) {
		A arguments;
		try {
			arguments = parse.get();
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(usage);
			return REFUSED;
		}
		if (arguments.command().equals("help")) {
			out.println(usage);
			return DONE;
		}
		return run(err, () -> work.accept(arguments));
	}

	/**
	 * Runs a command against the cluster, with the message of whatever stops it on the
	 * error stream.
	 * @param err where messages go
	 * @param command the command
	 * @return {@link #DONE}, {@link #REFUSED} or {@link #FAILED}
	 */
	static int run(PrintStream err, Runnable command) {
		try {
			command.run();
			return DONE;
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			return REFUSED;
		}
		catch (KafkaAccess.KafkaAdminException | IllegalStateException ex) {
			err.println(ex.getMessage());
			return FAILED;
		}
	}

	/**
	 * @param args the command line
	 * @param index where the option's value is
	 * @param option the option
	 * @return the value
	 * @throws IllegalArgumentException if there is none
	 */
	static String value(List<String> args, int index, String option) {
		if (index >= args.size() || args.get(index).startsWith("--")) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args.get(index);
	}

	/**
	 * @param value a comma-separated list
	 * @return its items, cleaned as a package definition's lists are: without blanks and
	 * repeats
	 */
	static List<String> list(String value) {
		return Packages.Definition.clean(List.of(value.split(",")));
	}

	/**
	 * A command line, read.
	 */
	interface Parsed {

		/**
		 * @return the command, {@code help} for help
		 */
		String command();

	}

	/**
	 * The parts of a command line that every administrative command reads alike, gathered
	 * as it is read: the cluster options, {@code --bootstrap-server},
	 * {@code --command-config} and {@code --data-dir}; help; and the positional
	 * arguments.
	 */
	static final class Common {

		private final Path workingDir;

		private final List<String> positional = new ArrayList<>();

		private String bootstrapServer;

		private Path commandConfig;

		private Path dataDir;

		Common(Path workingDir) {
			this.workingDir = workingDir;
			this.dataDir = Main.Options.projectDirOrWorkingDir(workingDir).resolve("data");
		}

		/**
		 * Takes a common argument, and an option's value.
		 * @param args the command line
		 * @param index where the argument is
		 * @return the index of the last argument taken, or -1 if it is an option of the
		 * command's own
		 */
		int take(List<String> args, int index) {
			String arg = args.get(index);
			switch (arg) {
				case "--bootstrap-server" -> this.bootstrapServer = value(args, index + 1, arg);
				case "--command-config" -> this.commandConfig = this.workingDir.resolve(value(args, index + 1, arg));
				case "--data-dir" -> this.dataDir = this.workingDir.resolve(value(args, index + 1, arg));
				case "-h", "--help" -> {
					this.positional.add(0, "help");
					return index;
				}
				default -> {
					if (arg.startsWith("--")) {
						return -1;
					}
					this.positional.add(arg);
					return index;
				}
			}
			return index + 1;
		}

		/** The command and its names, {@code help} first when help was asked for. */
		List<String> positional() {
			return this.positional;
		}

		/** The cluster, or null for the configuration's or the local stack's. */
		String bootstrapServer() {
			return this.bootstrapServer;
		}

		/** The administrator's client properties: given, or the local stack's. */
		Path commandConfig() {
			Path config = (this.commandConfig != null) ? this.commandConfig
					: this.dataDir.resolve("kafka").resolve("admin.properties");
			return config.normalize();
		}

		/**
		 * @param arg an option that neither the common ones nor the command's own are
		 * @return the exception that refuses it
		 */
		static IllegalArgumentException unknown(String arg) {
			return new IllegalArgumentException("Unknown option: " + arg);
		}

	}

}
