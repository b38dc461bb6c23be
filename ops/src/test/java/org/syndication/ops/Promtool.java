package org.syndication.ops;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prometheus' {@code promtool} as installed on this machine (Debian's package
 * {@code prometheus} brings it), found on the {@code PATH}. Nothing is downloaded; tests
 * that need it are skipped where it is missing, so that the build passes with a JDK
 * alone.
 *
 * @param executable the promtool executable
 */
record Promtool(Path executable) {

	private static final String NAME = "promtool";

	/**
	 * The installed promtool, if it is on the {@code PATH}.
	 * @return the executable, or empty
	 */
	static Optional<Promtool> find() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(path.split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, NAME))
			.filter(Files::isExecutable)
			.findFirst()
			.map(Promtool::new);
	}

	/**
	 * Runs promtool with the arguments in the directory, to completion.
	 * @param directory its working directory, against which file arguments are resolved
	 * @param arguments its command and arguments, e.g. {@code check rules alerts.yml}
	 * @return its exit code and its output, standard error included
	 */
	Result run(Path directory, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			// Read before waiting: a full pipe would keep it from finishing.
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("promtool did not finish within 60 s: " + command);
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

	/**
	 * What a run of promtool ended with.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed
	 */
	record Result(int exitCode, String output) {

	}

	/** Skips the tests of a class where promtool is not installed, and says why. */
	static final class Required implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return find().map((promtool) -> ConditionEvaluationResult.enabled("promtool at " + promtool.executable()))
				.orElseGet(() -> ConditionEvaluationResult.disabled("No promtool found: the alert rule tests need "
						+ NAME + " on the PATH (Debian: apt-get install prometheus)"));
		}

	}

}
