package org.syndication.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What the administrative commands ({@code partners}, {@code packages}) share: the
 * options that name the cluster and the administrator's configuration, the reading of an
 * option's value, and how a command ends.
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
	 * Runs a command against the cluster, with the message of whatever stops it on the
	 * error stream.
	 * @param err where messages go
	 * @param command the command
	 * @return {@link #DONE}, {@link #REFUSED} or {@link #FAILED}
	 */
	static int run(PrintStream err, Command command) {
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
	 * A command's work.
	 */
	@FunctionalInterface
	interface Command {

		void run();

	}

	/**
	 * The cluster options, {@code --bootstrap-server}, {@code --command-config} and
	 * {@code --data-dir}, gathered as a command line is read.
	 */
	static final class Cluster {

		private final Path workingDir;

		private String bootstrapServer;

		private Path commandConfig;

		private Path dataDir;

		Cluster(Path workingDir) {
			this.workingDir = workingDir;
			this.dataDir = Main.Options.projectDirOrWorkingDir(workingDir).resolve("data");
		}

		/**
		 * Takes a cluster option and its value.
		 * @param args the command line
		 * @param index where the option is
		 * @return the index of the option's value, or -1 if it is no cluster option
		 */
		int take(List<String> args, int index) {
			String option = args.get(index);
			switch (option) {
				case "--bootstrap-server" -> this.bootstrapServer = value(args, index + 1, option);
				case "--command-config" -> this.commandConfig = this.workingDir.resolve(value(args, index + 1, option));
				case "--data-dir" -> this.dataDir = this.workingDir.resolve(value(args, index + 1, option));
				default -> {
					return -1;
				}
			}
			return index + 1;
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
