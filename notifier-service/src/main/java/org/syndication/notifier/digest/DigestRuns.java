package org.syndication.notifier.digest;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.NotifierProperties;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues digests; {@code DeliveryDispatcher} sends them like any other mail. A run
 * handles every subscriber of a frequency, time zone by time zone, a chunk of subscribers
 * per transaction: each subscriber owed the period's digest gets one if anything new
 * matches, and the window of the next digest starts where this one ended. A unique key on
 * (subscriber, period) makes a second digest for a period impossible, however often a run
 * is repeated or on however many instances; a run cut short by a crash is finished by the
 * next one. A notifier that was down at the digest hour sends the missed digest when it
 * returns: one mail holding everything since the previous one.
 */
@Service
public class DigestRuns {

	private static final Logger logger = LoggerFactory.getLogger(DigestRuns.class);

	private static final String LOCK = "digest-run";

	private static final int CHUNK = 1000;

	/** How far windows overlap (the repository's {@code INTERVAL '1' MINUTE}). */
	private static final Duration WINDOW_OVERLAP = Duration.ofMinutes(1);

	private final DigestRepository repository;

	private final DigestQueue digests;

	private final DigestWindows windows;

	private final DigestSchedule schedule;

	private final ZoneId defaultZone;

	private final LockingTaskExecutor locks;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Map<Frequency, Counter> queued = new EnumMap<>(Frequency.class);

	DigestRuns(DigestRepository repository, DigestQueue digests, DigestWindows windows, NotifierProperties properties,
			LockProvider locks, PlatformTransactionManager transactions, Clock clock, MeterRegistry registry) {
		this.repository = repository;
		this.digests = digests;
		this.windows = windows;
		NotifierProperties.Digest digest = properties.digest();
		this.schedule = new DigestSchedule(digest.dailyAt(), digest.weeklyOn(), digest.weeklyAt());
		this.defaultZone = properties.timeZone();
		this.locks = new DefaultLockingTaskExecutor(locks);
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
		for (Frequency frequency : List.of(Frequency.DAILY, Frequency.WEEKLY)) {
			this.queued.put(frequency,
					Counter.builder("notifier.digests.queued")
						.description("Digests queued for sending")
						.tag("frequency", frequency.value())
						.register(registry));
		}
	}

	/**
	 * Whether any digest's time has come for a subscriber who has not had it, asked
	 * before the lock is taken: most of the day this costs a few reads and no write.
	 * @return whether {@link #runDue()} has work
	 */
	boolean anyDue() {
		Instant now = now();
		for (Frequency frequency : List.of(Frequency.DAILY, Frequency.WEEKLY)) {
			for (String zone : this.repository.zones(frequency)) {
				DigestPeriod period = this.schedule.lastPeriodEndingBy(frequency, zoneOf(zone), now);
				if (this.repository.anyOwed(frequency, zone, period.key(), period.end())) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Queues every digest whose time has come: for each subscriber, the newest period of
	 * their frequency that has ended in their time zone, holding what arrived up to its
	 * end. Does nothing while another instance runs digests.
	 * @return how many digests were queued, or empty if another run held the lock
	 */
	Optional<Integer> runDue() {
		return locked(() -> {
			Instant now = now();
			int queued = 0;
			for (Frequency frequency : List.of(Frequency.DAILY, Frequency.WEEKLY)) {
				for (String zone : this.repository.zones(frequency)) {
					DigestPeriod period = this.schedule.lastPeriodEndingBy(frequency, zoneOf(zone), now);
					queued += queue(frequency, zone, period, period.end(), now);
				}
			}
			return queued;
		});
	}

	/**
	 * An operator's run: closes the current period of a frequency now. Each subscriber of
	 * that frequency gets, at once, the period's digest of what arrived up to now, if
	 * they have not had it; what arrives later waits for the next period.
	 * @param frequency daily or weekly
	 * @return how many digests were queued, or empty if another run held the lock
	 */
	public Optional<Integer> runNow(Frequency frequency) {
		if (frequency == Frequency.IMMEDIATE) {
			throw new IllegalArgumentException("No digest for frequency " + frequency);
		}
		return locked(() -> {
			Instant now = now();
			int queued = 0;
			for (String zone : this.repository.zones(frequency)) {
				DigestPeriod period = this.schedule.nextPeriodAfter(frequency, zoneOf(zone), now);
				queued += queue(frequency, zone, period, now, now);
			}
			return queued;
		});
	}

	private int queue(Frequency frequency, String zone, DigestPeriod period, Instant end, Instant now) {
		int queued = 0;
		UUID after = null;
		List<UUID> owed;
		do {
			UUID from = after;
			Chunk chunk = this.transactions.execute((status) -> {
				List<UUID> subscribers = this.repository.owed(frequency, zone, period.key(), end, from, CHUNK);
				if (subscribers.isEmpty()) {
					return new Chunk(subscribers, 0);
				}
				int digests = this.digests.queue(subscribers, period.key(), end, now);
				this.windows.moveOn(subscribers, end);
				return new Chunk(subscribers, digests);
			});
			owed = chunk.subscribers();
			queued += chunk.digests();
			after = owed.isEmpty() ? after : owed.get(owed.size() - 1);
		}
		while (owed.size() == CHUNK);
		if (queued > 0) {
			this.queued.get(frequency).increment(queued);
			logger.info("{} digests queued for period {} in time zone {}", queued, period.key(),
					(zone != null) ? zone : this.defaultZone);
		}
		return queued;
	}

	/**
	 * After a restore from an older backup, which knows nothing of the digests the lost
	 * database queued: every digest period that had ended when the lost database last
	 * applied an event counts as sent, so that no subscriber gets a period's digest a
	 * second time. Each window then starts at the end of that period (and not a minute
	 * before, as windows do, since what went into the lost digests is not known), so that
	 * what arrived since goes into the next digest. A digest whose period ended just
	 * before the loss, and that the lost database had not queued yet, is lost.
	 * @param lostDatabaseWorked when the lost database had last applied an event, as the
	 * newest of the events read again says
	 */
	public void countAsSent(Instant lostDatabaseWorked) {
		for (Frequency frequency : List.of(Frequency.DAILY, Frequency.WEEKLY)) {
			for (String zone : this.repository.zones(frequency)) {
				DigestPeriod period = this.schedule.lastPeriodEndingBy(frequency, zoneOf(zone), lostDatabaseWorked);
				int moved = this.windows.startAt(frequency, zone, period.end().plus(WINDOW_OVERLAP));
				if (moved > 0) {
					logger.info("{} digest windows start at {}, the end of period {}, after a restore", moved,
							period.end(), period.key());
				}
			}
		}
	}

	private Optional<Integer> locked(LockingTaskExecutor.TaskWithResult<Integer> run) {
		LockConfiguration lock = new LockConfiguration(ClockProvider.now(), LOCK, Duration.ofMinutes(1), Duration.ZERO);
		try {
			LockingTaskExecutor.TaskResult<Integer> result = this.locks.executeWithLock(run, lock);
			if (result.wasExecuted()) {
				return Optional.of(result.getResult());
			}
			// The lock provider says "not acquired" when the database did not answer
			// too: asked once more, a database that is away says so (503, not "another
			// run is in progress").
			this.repository.ping();
			return Optional.empty();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Digest run failed", ex);
		}
	}

	/** The subscribers of one chunk, and how many digests were queued for them. */
	private record Chunk(List<UUID> subscribers, int digests) {

	}

	/** A subscriber's zone; none, or one this JVM no longer knows, is the notifier's. */
	private ZoneId zoneOf(String zone) {
		if (zone == null) {
			return this.defaultZone;
		}
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			return this.defaultZone;
		}
	}

	private Instant now() {
		return Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
	}

}
