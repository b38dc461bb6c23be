package org.syndication.localstack;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The children the launcher runs once they are up: a child that exits while nobody is
 * stopping it is reported with the end of its output, and the launcher waits until all
 * have exited.
 */
final class ExitWatch {

	private final PrintStream out;

	private final BooleanSupplier stopping;

	private final List<ChildProcess> watched = new ArrayList<>();

	/**
	 * @param out where an unexpected exit is reported
	 * @param stopping whether the children are being stopped on purpose
	 */
	ExitWatch(PrintStream out, BooleanSupplier stopping) {
		this.out = out;
		this.stopping = stopping;
	}

	void watch(ChildProcess child) {
		synchronized (this.watched) {
			this.watched.add(child);
		}
		child.onExit().thenAccept((exitCode) -> {
			if (this.stopping.getAsBoolean()) {
				return;
			}
			this.out.printf("%n!! %s exited unexpectedly (exit code %d). Last lines of %s:%n%s%n%n", child.name(),
					exitCode, child.outputFile(), child.tail(30));
		});
	}

	/**
	 * Blocks until every child watched so far has exited.
	 */
	void awaitAll() {
		List<ChildProcess> all;
		synchronized (this.watched) {
			all = List.copyOf(this.watched);
		}
		CompletableFuture.allOf(all.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new)).join();
	}

}
