package org.syndication.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the administrative commands ({@code partners}, {@code packages}) share: the
 * options that name the cluster and the administrator's configuration, help and the
 * positional arguments, the reading of an option's value, and how a command ends.
 */
final class AdminCommandLine {

	/** The end of every administrative command's usage: the options they share. */
	static final String COMMON_OPTIONS = """
			  --bootstrap-server HOST:PORT   the cluster (default: the local stack's, 127.0.0.1:9092)
			  --command-config FILE          an administrator's client properties
			                                 (default: <data>/kafka/admin.properties, written by the local stack)
			  --data-dir DIR     the local stack's data directory (default: ./data)
			NAME: 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit.""";

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
	 * A command line as it is read: the options every administrative command takes,
	 * {@code --bootstrap-server}, {@code --command-config} and {@code --data-dir}; help;
	 * the command's own options; and the positional arguments.
	 */
	static final class Common {

		private final Path workingDir;

		private final List<String> positional = new ArrayList<>();

		private final Set<String> flags = new HashSet<>();

		private final Map<String, String> values = new HashMap<>();

		private String bootstrapServer;

		private Path commandConfig;

		private Path dataDir;

		private Common(Path workingDir) {
			this.workingDir = workingDir;
			this.dataDir = Main.Options.projectDirOrWorkingDir(workingDir).resolve("data");
		}

		/**
		 * @param args the command line
		 * @param workingDir where relative paths start
		 * @param ownFlags the command's own options without a value
		 * @param ownOptions the command's own options with a value
		 * @return the command line, read
		 * @throws IllegalArgumentException for an unknown option or a missing value
		 */
		static Common read(List<String> args, Path workingDir, Set<String> ownFlags, Set<String> ownOptions) {
			Common common = new Common(workingDir);
			for (int i = 0; i < args.size(); i++) {
				i = common.take(args, i, ownFlags, ownOptions);
			}
			return common;
		}

		/**
		 * @return the index of the last argument taken
		 */
		private int take(List<String> args, int index, Set<String> ownFlags, Set<String> ownOptions) {
			String arg = args.get(index);
			switch (arg) {
				case "--bootstrap-server" -> this.bootstrapServer = value(args, index + 1, arg);
				case "--command-config" -> this.commandConfig = this.workingDir.resolve(value(args, index + 1, arg));
				case "--data-dir" -> this.dataDir = this.workingDir.resolve(value(args, index + 1, arg));
				default -> {
					if (ownOptions.contains(arg)) {
						this.values.put(arg, value(args, index + 1, arg));
					}
					else {
						takeOne(arg, ownFlags);
						return index;
					}
				}
			}
			return index + 1;
		}

		private void takeOne(String arg, Set<String> ownFlags) {
			if (ownFlags.contains(arg)) {
				this.flags.add(arg);
			}
			else if (arg.equals("-h") || arg.equals("--help")) {
				this.positional.add(0, "help");
			}
			else if (arg.startsWith("--")) {
				throw new IllegalArgumentException("Unknown option: " + arg);
			}
			else {
				this.positional.add(arg);
			}
		}

		/** The command and its names, {@code help} first when help was asked for. */
		List<String> positional() {
			return this.positional;
		}

		/** Whether one of the command's own options without a value was given. */
		boolean flag(String option) {
			return this.flags.contains(option);
		}

		/** The value of one of the command's own options, or null. */
		String option(String option) {
			return this.values.get(option);
		}

		/**
		 * The value of one of the command's own options as a
		 * {@link AdminCommandLine#list(String) list}, or null.
		 */
		List<String> list(String option) {
			String value = option(option);
			return (value != null) ? AdminCommandLine.list(value) : null;
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

	}

}
