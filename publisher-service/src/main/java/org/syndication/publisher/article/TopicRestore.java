package org.syndication.publisher.article;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.events.ArticleEventReader;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleImage;
import org.syndication.events.ArticleSnapshot;
import org.syndication.publisher.outbox.OutboxMessage;
import org.syndication.publisher.outbox.OutboxRestore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Brings a database restored from a backup up to the {@code articles} topic, before the
 * service takes a request or relays a message: every article whose events went out after
 * the backup was taken is written back as its newest event has it (created, edited,
 * retracted), with a revision by {@value #ACTOR}; and the messages the backup still had
 * waiting in its outbox, which went out before the database was lost, are marked sent
 * instead of being sent again (a stale version would otherwise follow the newest on the
 * compacted topic), and new messages take ids beyond those the relay has sent.
 * <p>
 * What never reached the topic is not there to restore: drafts, scheduled articles not
 * yet published, the history of revisions, API keys made after the backup. Once restored,
 * an article's next version follows the newest the topic holds, so consumers take it.
 */
final class TopicRestore implements SmartInitializingSingleton {

	static final String ACTOR = "articles topic (restore)";

	private static final Logger logger = LoggerFactory.getLogger(TopicRestore.class);

	private final Supplier<Consumer<String, byte[]>> readers;

	private final ArticleRepository articles;

	private final ArticleRevisionRepository revisions;

	private final OutboxRestore outbox;

	private final TransactionOperations transactions;

	private final JsonMapper json;

	private final Clock clock;

	private final Duration patience;

	TopicRestore(Supplier<Consumer<String, byte[]>> readers, ArticleRepository articles,
			ArticleRevisionRepository revisions, OutboxRestore outbox, TransactionOperations transactions,
			JsonMapper json, Clock clock, Duration patience) {
		this.readers = readers;
		this.articles = articles;
		this.revisions = revisions;
		this.outbox = outbox;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
		this.patience = patience;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<UUID, Optional<ArticleEvent>> newest = readTopic();
		this.outbox.continueAfterWhatWasRelayed();
		Outcome outcome = this.transactions.execute((status) -> restore(newest));
		logger.info(
				"Restored from the articles topic: {} articles read, {} written back, {} retracted, "
						+ "{} waiting messages marked sent as they went out before",
				newest.size(), outcome.written(), outcome.retracted(), outcome.alreadySent());
	}

	/**
	 * The newest record of every article on the topic, committed ones only: its event, or
	 * empty for a tombstone.
	 */
	Map<UUID, Optional<ArticleEvent>> readTopic() {
		ArticleEventReader reader = new ArticleEventReader(this.json,
				(eventId, type) -> logger.info("Restore skips event {} of unknown type '{}'", eventId, type));
		Map<UUID, Optional<ArticleEvent>> newest = new HashMap<>();
		try (Consumer<String, byte[]> consumer = this.readers.get()) {
			List<TopicPartition> partitions = consumer.partitionsFor(ArticleEventHeaders.TOPIC)
				.stream()
				.map((partition) -> new TopicPartition(partition.topic(), partition.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			Instant deadline = Instant.now(this.clock).plus(this.patience);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				if (Instant.now(this.clock).isAfter(deadline)) {
					throw new IllegalStateException("The articles topic was not read to its end within " + this.patience
							+ ": nothing restored; start again once Kafka answers");
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
					UUID id = UUID.fromString(record.key());
					if (record.value() == null) {
						newest.put(id, Optional.empty());
					}
					else {
						reader.read(record.value()).ifPresent((event) -> newest.put(id, Optional.of(event)));
					}
				}
			}
		}
		return newest;
	}

	private Outcome restore(Map<UUID, Optional<ArticleEvent>> newest) {
		Instant now = Instant.now(this.clock);
		int written = 0;
		int retracted = 0;
		for (Map.Entry<UUID, Optional<ArticleEvent>> entry : newest.entrySet()) {
			Optional<Article> stored = this.articles.findById(entry.getKey());
			if (entry.getValue().isEmpty()) {
				// Retracted, and forgotten by the topic but for its tombstone.
				if (stored.isPresent() && stored.get().status() != ArticleStatus.RETRACTED) {
					Article article = stored.get().withStatus(ArticleStatus.RETRACTED, now);
					this.articles.update(article, stored.get().version());
					revision(article, stored.get().status(), now);
					retracted++;
				}
				continue;
			}
			ArticleEvent event = entry.getValue().get();
			if (stored.isPresent() && stored.get().version() >= event.article().version()) {
				continue;
			}
			Article article = article(event, stored);
			if (stored.isPresent()) {
				this.articles.update(article, stored.get().version());
			}
			else {
				this.articles.insert(article);
			}
			revision(article, stored.map(Article::status).orElse(null), now);
			written++;
		}
		int alreadySent = this.outbox.markSentIf((message) -> wentOut(message, newest));
		return new Outcome(written, retracted, alreadySent);
	}

	private void revision(Article article, ArticleStatus previous, Instant now) {
		this.revisions.insert(article.id(),
				new ArticleRevision(article.version(), article.status(), previous, ACTOR, null, now));
	}

	/** The article as its event has it, created when it was first published. */
	private static Article article(ArticleEvent event, Optional<Article> stored) {
		ArticleSnapshot snapshot = event.article();
		ArticleStatus status = (event.type() == ArticleEventType.RETRACTED) ? ArticleStatus.RETRACTED
				: ArticleStatus.PUBLISHED;
		Instant created = stored.map(Article::createdAt).orElse(snapshot.publishedAt());
		return new Article(snapshot.id(), snapshot.version(), status, snapshot.title(), snapshot.summary(),
				snapshot.contentHtml(), snapshot.url(), snapshot.authors(), snapshot.categories(), snapshot.language(),
				snapshot.breaking(), image(snapshot.image()), snapshot.publishedAt(), created, snapshot.updatedAt());
	}

	private static Image image(ArticleImage image) {
		return (image != null) ? new Image(image.url(), image.alt(), image.width(), image.height()) : null;
	}

	/**
	 * Whether a waiting message of the backup went out before the database was lost: the
	 * topic holds its version of the article or a newer one, or the article's tombstone.
	 */
	private boolean wentOut(OutboxMessage message, Map<UUID, Optional<ArticleEvent>> newest) {
		if (!ArticleEventHeaders.TOPIC.equals(message.topic())) {
			return false;
		}
		Optional<ArticleEvent> onTopic = newest.get(UUID.fromString(message.key()));
		if (onTopic == null) {
			return false;
		}
		if (onTopic.isEmpty()) {
			return true;
		}
		if (message.payload() == null) {
			return false;
		}
		JsonNode version = this.json.readTree(message.payload()).path("article").path("version");
		return version.isNumber() && version.asLong() <= onTopic.get().article().version();
	}

	record Outcome(int written, int retracted, int alreadySent) {

	}

}
