package org.syndication.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child process whose output goes to a file. Stopping is graceful first (SIGTERM, so
 * a JVM runs its shutdown hooks), forcible after a grace period.
 */
public final class ChildProcess {

	private static final Optional<String> SETSID = findSetsid();

	private final String name;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path workingDirectory;

	private final Path outputFile;

	private volatile Process process;

	public ChildProcess(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
			Path outputFile) {
		this.name = name;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.workingDirectory = workingDirectory;
		this.outputFile = outputFile;
	}

	public String name() {
		return this.name;
	}

	public Path outputFile() {
		return this.outputFile;
	}

	/**
	 * Starts the process with its output appended to (or replacing) the output file.
	 */
	public synchronized void start(boolean appendOutput) {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		try {
			Files.createDirectories(this.outputFile.toAbsolutePath().getParent());
			String header = "=== " + this.name + " starting at " + Instant.now() + System.lineSeparator();
			if (appendOutput) {
				Files.writeString(this.outputFile, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			else {
				Files.writeString(this.outputFile, header, StandardCharsets.UTF_8);
			}
			List<String> fullCommand = new ArrayList<>();
			// In a session of its own the child does not get the terminal's Ctrl-C: the
			// launcher alone does, and stops the children in order (services first).
			SETSID.ifPresent(fullCommand::add);
			fullCommand.addAll(this.command);
			ProcessBuilder builder = new ProcessBuilder(fullCommand).directory(this.workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.outputFile.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(nullFile()));
			builder.environment().putAll(this.environment);
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
	}

	public boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	public Optional<ProcessHandle> handle() {
		return Optional.ofNullable(this.process).map(Process::toHandle);
	}

	/**
	 * Completes when the process started last exits, with its exit code.
	 */
	public CompletableFuture<Integer> onExit() {
		Process current = this.process;
		if (current == null) {
			return CompletableFuture.completedFuture(-1);
		}
		return current.onExit().thenApply(Process::exitValue);
	}

	/**
	 * Runs the process to completion, for one-shot tools.
	 */
	public int runToCompletion(Duration timeout) {
		start(true);
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				kill();
				throw new IllegalStateException(this.name + " did not finish within " + timeout.toSeconds() + " s");
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
			throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
		}
	}

	/**
	 * Asks the process to stop (SIGTERM) and waits for it; after the grace period it and
	 * all its descendants are killed. Returns true when it stopped by itself.
	 */
	public boolean stop(Duration grace) {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return true;
		}
		List<ProcessHandle> descendants = current.descendants().toList();
		current.destroy();
		if (waitFor(current.onExit(), grace)) {
			descendants.forEach(ProcessHandle::destroyForcibly);
			return true;
		}
		kill();
		return false;
	}

	/**
	 * Kills the process and all its descendants at once, as a crash would, and waits
	 * until they are gone.
	 */
	public void kill() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		List<ProcessHandle> all = new ArrayList<>(current.descendants().toList());
		all.add(current.toHandle());
		all.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle handle : all) {
			waitFor(handle.onExit(), Duration.ofSeconds(10));
		}
	}

	/**
	 * The last lines of the output file, to show why a child failed.
	 */
	public String tail(int lines) {
		if (!Files.exists(this.outputFile)) {
			return "(no output)";
		}
		// Only the end of the file: a broker's log can be large after a long session.
		try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(this.outputFile.toFile(), "r")) {
			long start = Math.max(0, file.length() - 64 * 1024);
			byte[] bytes = new byte[(int) (file.length() - start)];
			file.seek(start);
			file.readFully(bytes);
			List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + this.outputFile + ": " + ex.getMessage() + ")";
		}
	}

	private static boolean waitFor(CompletableFuture<?> exit, Duration timeout) {
		try {
			exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static java.io.File nullFile() {
		return new java.io.File(
				System.getProperty("os.name").toLowerCase().startsWith("windows") ? "NUL" : "/dev/null");
	}

	private static Optional<String> findSetsid() {
		return List.of("/usr/bin/setsid", "/bin/setsid")
			.stream()
			.filter((candidate) -> Files.isExecutable(Path.of(candidate)))
			.findFirst();
	}

}
