package org.syndication.notifier.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;

import io.micrometer.tracing.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.alert.ArticleRepository.Recorded;
import org.syndication.notifier.alert.FanoutRepository.Fanout;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.delivery.Deliveries.Alert;
import org.syndication.notifier.delivery.Deliveries.SubscriberRange;
import org.syndication.notifier.subscription.SubscriberRanges;
import org.syndication.web.pipeline.Traces;

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

	private final FanoutRepository fanouts;

	private final ArticleRepository articles;

	private final SubscriberRanges subscribers;

	private final Deliveries deliveries;

	private final TransactionTemplate transactions;

	private final int chunkSize;

	private final Traces traces;

	private final Clock clock;

	AlertFanouts(FanoutRepository fanouts, ArticleRepository articles, SubscriberRanges subscribers,
			Deliveries deliveries, PlatformTransactionManager transactions, NotifierProperties properties,
			Traces traces, Clock clock) {
		this.fanouts = fanouts;
		this.articles = articles;
		this.subscribers = subscribers;
		this.deliveries = deliveries;
		this.transactions = new TransactionTemplate(transactions);
		this.chunkSize = properties.fanout().chunkSize();
		this.traces = traces;
		this.clock = clock;
	}

	/** Starts the fan-outs of publications, in the transaction that records them. */
	@Transactional(propagation = Propagation.MANDATORY)
	void start(List<StartedFanout> started) {
		this.fanouts.start(started);
	}

	/**
	 * Stops the fan-outs of publications received before a time: after a restore from an
	 * older backup, the database that was lost had most likely finished them.
	 * @return how many were stopped
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	int stopStartedBefore(Instant before) {
		return this.fanouts.deleteStartedBefore(before);
	}

	/**
	 * Whether any fan-out is under way: one read, no lock and no write, so that nothing
	 * to do costs next to nothing.
	 */
	public boolean anyPending() {
		return this.fanouts.any();
	}

	/** How many publications' alerts are still being queued. */
	public long pending() {
		return this.fanouts.count();
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
		FanoutTransaction transaction = new FanoutTransaction();
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

	private Optional<Integer> runChunk(FanoutTransaction transaction) {
		boolean found = false;
		int queued = 0;
		int fanouts = 0;
		// Candidates are read without a lock and then locked one at a time, skipping
		// those locked by another instance: a limit applied together with SKIP
		// LOCKED can count the locked rows on some databases and return nothing.
		for (UUID candidate : this.fanouts.oldest(CANDIDATES)) {
			Optional<Fanout> fanout = this.fanouts.lock(candidate);
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
			this.fanouts.delete(transaction.ended);
		}
		return found ? Optional.of(queued) : Optional.<Integer>empty();
	}

	private Chunk queueChunk(Fanout fanout, FanoutTransaction transaction) {
		// A retraction does not wait for a chunk under way: it cancels the alerts queued
		// so far, and the fan-out ends here. Alerts of a chunk that commits after the
		// retraction are cancelled by the dispatcher, which sends nothing retracted.
		Optional<Recorded> article = this.articles.state(fanout.articleId());
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
			until = transaction.firstBound(() -> this.subscribers.firstAfterChunk(null, this.chunkSize).orElse(null));
		}
		else {
			until = this.subscribers.firstAfterChunk(fanout.from(), this.chunkSize).orElse(null);
		}
		List<String> categories = this.fanouts.categories(fanout.articleId());
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
			this.fanouts.moveOn(fanout.articleId(), until, total);
		}
		return new Chunk(queued, until == null);
	}

	/** What a chunk queued, and whether it ended its fan-out. */
	private record Chunk(int queued, boolean ended) {

	}

}
