package org.syndication.web.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.ErrorHandler;

/**
 * What the services' scheduled work does with a failure. One that is the database's (a
 * failover, a restart: see {@link DatabaseFailures}) is told in one line, without a stack
 * trace, once a minute at most per task: the task runs again at its next turn and goes on
 * by itself when the database is back, so a thirty-second outage is a few lines, not a
 * stack trace from every task every few seconds. Any other failure is logged whole, as
 * Spring does by default.
 */
public final class ScheduledWorkErrors implements ErrorHandler {

	private static final Logger logger = LoggerFactory.getLogger(ScheduledWorkErrors.class);

	/** How long a task's later database failures go untold after one is told. */
	static final Duration QUIET = Duration.ofMinutes(1);

	private final Clock clock;

	private final Map<String, Told> told = new ConcurrentHashMap<>();

	public ScheduledWorkErrors() {
		this(Clock.systemUTC());
	}

	ScheduledWorkErrors(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void handleError(Throwable failure) {
		if (!DatabaseFailures.isTheDatabases(failure)) {
			logger.error("Unexpected error occurred in scheduled task", failure);
			return;
		}
		String task = task(failure);
		Instant now = this.clock.instant();
		Told before = this.told.get(task);
		if (before != null && before.at().plus(QUIET).isAfter(now)) {
			this.told.put(task, new Told(before.at(), before.untold() + 1));
			return;
		}
		this.told.put(task, new Told(now, 0));
		if (before != null && before.untold() > 0) {
			logger.warn("{} still waits for the database ({} more failures since the last line): {}", task,
					before.untold(), failure.toString());
		}
		else {
			logger.warn("{} waits for the database, and goes on by itself when it answers: {}", task,
					failure.toString());
		}
	}

	/**
	 * The task that failed: the outermost frame of the services' own code, which is the
	 * scheduled method (generated proxies and lambdas skipped).
	 */
	static String task(Throwable failure) {
		String task = "A scheduled task";
		for (StackTraceElement frame : failure.getStackTrace()) {
			String type = frame.getClassName();
			if (type.startsWith("org.syndication.") && !type.contains("$$")) {
				task = type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName();
			}
		}
		return task;
	}

	private record Told(Instant at, long untold) {

	}

}
