package org.syndication.notifier.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.delivery.Deliveries.Alert;
import org.syndication.notifier.delivery.Deliveries.SubscriberRange;
import org.syndication.web.pipeline.Traces;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues the alerts of each publication in chunks of subscribers, outside the transaction
 * that recorded the article: recording stays as fast with a million subscribers as with
 * none, and each chunk is a short transaction of bounded size, so neither time nor memory
 * grows with the list. Any instance takes the next chunk of any article; an article's
 * fan-out is row-locked while a chunk of it is queued, so two instances never queue the
 * same chunk at once, and one that dies mid-chunk leaves its chunk to the next (its
 * transaction is rolled back). A chunk queued twice, by a transaction whose commit was
 * not seen, queues nothing more: an alert is unique per article and subscriber.
 * <p>
 * Small fan-outs, those a single chunk ends, are queued together: one transaction takes
 * the fan-outs that follow while together they have queued fewer alerts than a chunk
 * holds, up to {@value #MERGED} of them. A wire service's articles to a few hundred
 * subscribers then cost a commit per few dozen articles rather than one each, beside a
 * consumer that records thousands a second.
 */
@Component
public class AlertFanouts {

	private static final Logger logger = LoggerFactory.getLogger(AlertFanouts.class);

	/** Small fan-outs queued in one transaction at most. */
	private static final int MERGED = 20;

	/**
	 * Fan-outs looked at per attempt to lock those no other instance holds: more than one
	 * transaction takes, so that another instance finds some left.
	 */
	private static final int CANDIDATES = 2 * MERGED;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final Deliveries deliveries;

	private final TransactionTemplate transactions;

	private final int chunkSize;

	private final Traces traces;

	private final Clock clock;

	AlertFanouts(JdbcTemplate batches, Deliveries deliveries, PlatformTransactionManager transactions,
			NotifierProperties properties, Traces traces, Clock clock) {
		this.jdbc = JdbcClient.create(batches);
		this.batches = batches;
		this.deliveries = deliveries;
		this.transactions = new TransactionTemplate(transactions);
		this.chunkSize = properties.fanout().chunkSize();
		this.traces = traces;
		this.clock = clock;
	}

	/** Starts the fan-outs of publications, in the transaction that records them. */
	@Transactional(propagation = Propagation.MANDATORY)
	void start(List<Started> started) {
		this.batches.batchUpdate("""
				INSERT INTO alert_fanout (article_id, breaking, received_at, next_subscriber, queued)
				VALUES (?, ?, ?, NULL, 0)""",
				started.stream()
					.map((publication) -> new Object[] { publication.articleId(), publication.breaking(),
							utc(publication.receivedAt()) })
					.toList());
		this.batches.batchUpdate("INSERT INTO alert_fanout_category (article_id, category) VALUES (?, ?)",
				started.stream()
					.flatMap((publication) -> publication.categories()
						.stream()
						.map((category) -> new Object[] { publication.articleId(), category }))
					.toList());
	}

	/**
	 * Stops the fan-outs of publications received before a time: after a restore from an
	 * older backup, the database that was lost had most likely finished them.
	 * @return how many were stopped
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	int stopStartedBefore(Instant before) {
		return this.jdbc.sql("DELETE FROM alert_fanout WHERE received_at < :before")
			.param("before", utc(before))
			.update();
	}

	/**
	 * Whether any fan-out is under way: one read, no lock and no write, so that nothing
	 * to do costs next to nothing.
	 */
	public boolean anyPending() {
		return this.jdbc.sql("SELECT article_id FROM alert_fanout FETCH FIRST 1 ROWS ONLY")
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	/** How many publications' alerts are still being queued. */
	public long pending() {
		return this.jdbc.sql("SELECT COUNT(*) FROM alert_fanout").query(Long.class).single();
	}

	/**
	 * Queues chunks, oldest publication first, until no fan-out is left that another
	 * instance is not working on.
	 * @return how many alerts were queued
	 */
	public long runAll() {
		return runAll((queued) -> {
		});
	}

	/**
	 * Queues chunks as {@link #runAll()} does, telling the listener of each.
	 * @param afterEachChunk told how many alerts each chunk queued, once it is committed
	 * @return how many alerts were queued
	 */
	public long runAll(IntConsumer afterEachChunk) {
		long queued = 0;
		while (true) {
			Optional<Integer> chunk = runChunk();
			if (chunk.isEmpty()) {
				return queued;
			}
			afterEachChunk.accept(chunk.get());
			queued += chunk.get();
		}
	}

	/**
	 * Queues the next chunk of the oldest fan-out that no other instance holds, and, if
	 * that chunk ended its fan-out, the small fan-outs after it while they leave room in
	 * the chunk, all in one transaction.
	 * @return the alerts queued, empty when there was no such fan-out
	 */
	public Optional<Integer> runChunk() {
		Transaction transaction = new Transaction();
		try {
			Optional<Integer> queued = this.transactions.execute((status) -> runChunk(transaction));
			transaction.committed(null);
			return queued;
		}
		catch (RuntimeException ex) {
			transaction.committed(ex);
			throw ex;
		}
	}

	private Optional<Integer> runChunk(Transaction transaction) {
		boolean found = false;
		int queued = 0;
		int fanouts = 0;
		// Candidates are read without a lock and then locked one at a time, skipping
		// those locked by another instance: a limit applied together with SKIP
		// LOCKED can count the locked rows on some databases and return nothing.
		for (UUID candidate : candidates()) {
			Optional<Fanout> fanout = lock(candidate);
			if (fanout.isEmpty()) {
				continue;
			}
			found = true;
			Chunk chunk = queueChunk(fanout.get(), transaction);
			queued += chunk.queued();
			if (!chunk.ended() || queued >= this.chunkSize || ++fanouts >= MERGED) {
				break;
			}
		}
		if (!transaction.ended.isEmpty()) {
			this.jdbc.sql("DELETE FROM alert_fanout WHERE article_id IN (:articles)")
				.param("articles", transaction.ended)
				.update();
		}
		return found ? Optional.of(queued) : Optional.<Integer>empty();
	}

	/** The oldest fan-outs, read without a lock. */
	private List<UUID> candidates() {
		return this.jdbc
			.sql("SELECT article_id FROM alert_fanout ORDER BY received_at, article_id FETCH FIRST :n ROWS ONLY")
			.param("n", CANDIDATES)
			.query(UUID.class)
			.list();
	}

	/** A fan-out, if this transaction could lock its row and it is still there. */
	private Optional<Fanout> lock(UUID candidate) {
		return this.jdbc.sql("""
				SELECT article_id, breaking, received_at, next_subscriber, queued FROM alert_fanout
				WHERE article_id = :article FOR UPDATE SKIP LOCKED""")
			.param("article", candidate)
			.query((rs, row) -> new Fanout(rs.getObject(1, UUID.class), rs.getBoolean(2),
					rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getObject(4, UUID.class), rs.getLong(5)))
			.optional();
	}

	private Chunk queueChunk(Fanout fanout, Transaction transaction) {
		// A retraction does not wait for a chunk under way: it cancels the alerts queued
		// so far, and the fan-out ends here. Alerts of a chunk that commits after the
		// retraction are cancelled by the dispatcher, which sends nothing retracted.
		Optional<Recorded> article = this.jdbc
			.sql("SELECT retracted, trace_parent FROM article_alert WHERE article_id = :article")
			.param("article", fanout.articleId())
			.query((rs, row) -> new Recorded(rs.getBoolean(1), rs.getString(2)))
			.optional();
		if (article.isEmpty() || article.get().retracted()) {
			transaction.ended.add(fanout.articleId());
			logger.debug("Article {} retracted: fan-out stopped after {} alerts", fanout.articleId(), fanout.queued());
			return new Chunk(0, true);
		}
		// The chunk is the next chunk-size subscribers from the cursor, whatever their
		// state, and ends before the first of the chunk after it, if any: the walk is
		// along the primary key, and a chunk's cost is bounded by the subscribers it
		// looks at. A fan-out to no more subscribers than that is one chunk.
		// Every fan-out that starts at the first subscriber has the same first chunk:
		// one read for all of them in a transaction.
		UUID until;
		if (fanout.from() == null) {
			until = transaction.firstBound(() -> bound(null).orElse(null));
		}
		else {
			until = bound(fanout.from()).orElse(null);
		}
		List<String> categories = this.jdbc
			.sql("SELECT category FROM alert_fanout_category WHERE article_id = :article ORDER BY category")
			.param("article", fanout.articleId())
			.query(String.class)
			.list();
		String trace = article.get().trace();
		Span span = (trace != null) ? this.traces.start("alert queueing", null, trace) : null;
		int queued = this.deliveries.enqueueAlerts(
				new Alert(fanout.articleId(), categories, fanout.breaking(), fanout.receivedAt()),
				new SubscriberRange(fanout.from(), until), Instant.now(this.clock));
		if (span != null) {
			span.tag("article.id", fanout.articleId().toString())
				.tag("alerts.queued", queued)
				.tag("alerts.queued.before", fanout.queued())
				.tag("fanout.last_chunk", until == null);
			transaction.spans.add(span);
		}
		long total = fanout.queued() + queued;
		if (until == null) {
			transaction.ended.add(fanout.articleId());
			logger.debug("Article {}{}: {} alerts queued", fanout.articleId(), fanout.breaking() ? " (breaking)" : "",
					total);
		}
		else {
			this.jdbc
				.sql("UPDATE alert_fanout SET next_subscriber = :until, queued = :queued WHERE article_id = :article")
				.param("until", until)
				.param("queued", total)
				.param("article", fanout.articleId())
				.update();
		}
		return new Chunk(queued, until == null);
	}

	/**
	 * The first subscriber after the chunk that starts at {@code from}, if any.
	 * @param from the first subscriber of the chunk, {@code null} for the first of all
	 */
	private Optional<UUID> bound(UUID from) {
		var bound = this.jdbc.sql("SELECT id FROM subscriber" + ((from != null) ? " WHERE id >= :from" : "")
				+ " ORDER BY id OFFSET :skip ROWS FETCH NEXT 1 ROWS ONLY");
		if (from != null) {
			bound = bound.param("from", from);
		}
		return bound.param("skip", this.chunkSize).query(UUID.class).optional();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A publication whose alerts are to be queued.
	 *
	 * @param articleId the article
	 * @param categories the categories it was published in, lower case: its alerts go to
	 * their subscribers, whatever an edit changes meanwhile
	 * @param breaking whether digest subscribers are alerted too
	 * @param receivedAt when it was recorded
	 */
	record Started(UUID articleId, List<String> categories, boolean breaking, Instant receivedAt) {

	}

	/**
	 * What one transaction of fan-outs shares: the fan-outs it ended, deleted together at
	 * its end, the bound of a first chunk once read, and the spans of its chunks, which
	 * end when it commits or fails.
	 */
	private static final class Transaction {

		final List<UUID> ended = new ArrayList<>();

		final List<Span> spans = new ArrayList<>();

		private boolean firstBoundRead;

		private UUID firstBound;

		void committed(Throwable failure) {
			for (Span span : this.spans) {
				if (failure != null) {
					span.error(failure);
				}
				span.end();
			}
		}

		/** The bound of a first chunk, {@code null} for none: read once. */
		UUID firstBound(Supplier<UUID> read) {
			if (!this.firstBoundRead) {
				this.firstBound = read.get();
				this.firstBoundRead = true;
			}
			return this.firstBound;
		}

	}

	/** What a chunk queued, and whether it ended its fan-out. */
	private record Chunk(int queued, boolean ended) {

	}

	/**
	 * An article as recorded: whether it was retracted, and the trace of its publication.
	 */
	private record Recorded(boolean retracted, String trace) {

	}

	private record Fanout(UUID articleId, boolean breaking, Instant receivedAt, UUID from, long queued) {

	}

}
