package org.syndication.web.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ScheduledWorkErrorsTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));

	private final ScheduledWorkErrors errors = new ScheduledWorkErrors(new Clock() {

		@Override
		public Instant instant() {
			return ScheduledWorkErrorsTests.this.now.get();
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	});

	@Test
	void aTaskWaitingForTheDatabaseIsToldInOneLineAMinuteWithoutAStackTrace(CapturedOutput output) {
		for (int second = 0; second < 90; second += 5) {
			this.now.set(Instant.parse("2026-12-07T10:00:00Z").plusSeconds(second));
			this.errors.handleError(Tasks.lookForChanges());
		}

		assertThat(lines(output, "Tasks.lookingForChanges waits for the database")).isOne();
		assertThat(lines(output, "Tasks.lookingForChanges still waits for the database (11 more failures")).isOne();
		assertThat(output).doesNotContain("\tat ").doesNotContain("Unexpected error");
	}

	@Test
	void eachTaskIsToldOfItsOwn(CapturedOutput output) {
		this.errors.handleError(Tasks.lookForChanges());
		this.errors.handleError(Tasks.dispatch());
		this.errors.handleError(Tasks.dispatch());

		assertThat(lines(output, "Tasks.lookingForChanges waits for the database")).isOne();
		assertThat(lines(output, "Tasks.dispatching waits for the database")).isOne();
	}

	@Test
	void anyOtherFailureIsLoggedWholeEveryTime(CapturedOutput output) {
		IllegalStateException bug = new IllegalStateException("a bug");
		this.errors.handleError(bug);
		this.now.set(this.now.get().plus(Duration.ofSeconds(1)));
		this.errors.handleError(bug);

		assertThat(lines(output, "Unexpected error occurred in scheduled task")).isEqualTo(2);
		assertThat(output).contains("java.lang.IllegalStateException: a bug").contains("\tat ");
	}

	private static long lines(CapturedOutput output, String text) {
		return output.getAll().lines().filter((line) -> line.contains(text)).count();
	}

	/**
	 * Scheduled work that fails as it would with the database away, each on a thread of
	 * its own as a scheduler runs it.
	 */
	static final class Tasks {

		static RuntimeException lookForChanges() {
			return CompletableFuture.supplyAsync(Tasks::lookingForChanges).join();
		}

		static RuntimeException dispatch() {
			return CompletableFuture.supplyAsync(Tasks::dispatching).join();
		}

		private static RuntimeException lookingForChanges() {
			return new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
		}

		private static RuntimeException dispatching() {
			return new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
		}

	}

}
