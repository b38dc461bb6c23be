package org.syndication.feed.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventReader;
import org.syndication.events.ArticleImage;
import org.syndication.events.ArticleSnapshot;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.rendering.FeedImage;
import org.syndication.feed.rendering.FeedItem;
import org.syndication.web.pipeline.EventAge;
import org.syndication.web.pipeline.RecordSpans;
import org.syndication.web.pipeline.Traces;
import org.syndication.web.positions.ConsumedBatch;
import org.syndication.web.positions.ConsumerPositions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The edge to the {@code articles} topic: turns each polled batch of records into the
 * catalog's terms and applies it in one transaction. Destination, group, batch mode,
 * retries and the dead-letter topic are in {@code application.yml}.
 * <p>
 * A record that cannot be read, or that the catalog refuses, fails the batch at its index
 * ({@link BatchListenerFailedException}) once the records before it are applied: the
 * error handler (service-web's {@code BatchDeadLetters}) commits those, tries the failed
 * record again, and after the configured attempts sends it to the dead-letter topic with
 * the reason in its headers; the records after it follow in the next batch.
 * <p>
 * Each transaction saves the position the records it applies reach (service-web's
 * {@code ConsumerPositions}), and reading resumes from the position the database holds: a
 * database restored from an older backup reads again the records it is missing, and
 * applies those the consumer group had handled before as replays, which change the feeds
 * and push nothing.
 */
@Configuration(proxyBeanMethods = false)
class ArticleEventsBinding {

	private static final Logger logger = LoggerFactory.getLogger(ArticleEventsBinding.class);

	static final String BINDING = "articles-in-0";

	/**
	 * How long an assignment waits for the database to say where to read from: well below
	 * {@code max.poll.interval.ms} (5 minutes).
	 */
	private static final Duration DATABASE_PATIENCE = Duration.ofMinutes(2);

	/**
	 * Where reading resumes: the positions this service's database holds; from the
	 * beginning on {@code feed.rebuild}.
	 */
	@Bean
	ConsumerPositions consumerPositions(JdbcClient jdbc, PlatformTransactionManager transactions,
			FeedProperties properties) {
		return new ConsumerPositions(jdbc, transactions, BINDING, properties.rebuild(), DATABASE_PATIENCE);
	}

	@Bean
	Consumer<Message<List<Object>>> articles(FeedCatalog catalog, ConsumerPositions positions, JsonMapper json,
			Traces traces, EventAge age) {
		ArticleEventReader reader = new ArticleEventReader(json,
				(eventId, type) -> logger.info("Skipping event {} of unknown type '{}'", eventId, type));
		return (message) -> {
			List<Object> payloads = message.getPayload();
			List<?> keys = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY, List.class);
			ConsumedBatch batch = positions.batch(message);
			RecordSpans spans = RecordSpans.start(traces, "feed apply", message);
			try {
				List<Indexed> changes = new ArrayList<>(payloads.size());
				for (int index = 0; index < payloads.size(); index++) {
					int position = index;
					Object key = (keys != null) ? keys.get(index) : null;
					Optional<ArticleChange> change;
					try {
						change = spans.inScope(index, key,
								() -> change(payloads.get(position), key, reader, spans, position));
					}
					catch (RuntimeException ex) {
						apply(new Applying(catalog, positions, batch, age), changes, index);
						throw new BatchListenerFailedException("Unreadable record: " + ex.getMessage(), ex, index);
					}
					change.ifPresent((read) -> changes.add(new Indexed(position, read)));
				}
				apply(new Applying(catalog, positions, batch, age), changes, payloads.size());
				spans.applied();
			}
			catch (BatchListenerFailedException ex) {
				spans.failed(ex.getIndex(), ex.getCause());
				throw ex;
			}
		};
	}

	/**
	 * Applies the changes in one transaction, with the position after the records before
	 * {@code end}; if that fails, one by one, to find the one that fails, which then
	 * fails the batch at its index.
	 */
	private static void apply(Applying applying, List<Indexed> changes, int end) {
		try {
			applying.apply(changes, end);
		}
		catch (RuntimeException batchFailure) {
			if (changes.isEmpty()) {
				throw batchFailure;
			}
			logger.warn("A batch of {} changes failed, applying them one by one: {}", changes.size(),
					batchFailure.toString());
			for (int i = 0; i < changes.size(); i++) {
				Indexed change = changes.get(i);
				try {
					applying.apply(List.of(change), (i == changes.size() - 1) ? end : change.index() + 1);
				}
				catch (RuntimeException ex) {
					throw new BatchListenerFailedException("Change not applied: " + ex.getMessage(), ex,
							change.index());
				}
			}
		}
	}

	private static Optional<ArticleChange> change(Object payload, Object key, ArticleEventReader reader,
			RecordSpans spans, int index) {
		String trace = spans.traceParent(index);
		// A tombstone's value arrives as null in a batch, or as KafkaNull.
		if (payload == null || payload instanceof KafkaNull) {
			UUID articleId = UUID.fromString(key(key));
			spans.identify(index, articleId, null);
			return Optional.of(new ArticleChange.Erased(articleId, trace));
		}
		if (payload instanceof byte[] value) {
			return reader.read(value).map((event) -> {
				spans.identify(index, event.article().id(), event.eventId());
				return change(event, trace);
			});
		}
		throw new IllegalArgumentException("Unexpected payload type " + payload.getClass().getName());
	}

	/** An event in the catalog's terms: an edit is a publication of the newer version. */
	static ArticleChange change(ArticleEvent event) {
		return change(event, null);
	}

	private static ArticleChange change(ArticleEvent event, String trace) {
		ArticleSnapshot article = event.article();
		return switch (event.type()) {
			case PUBLISHED, UPDATED ->
				new ArticleChange.Revised(item(article), article.version(), event.occurredAt(), trace);
			case RETRACTED -> new ArticleChange.Retracted(article.id(), article.version(), event.occurredAt(), trace);
		};
	}

	private static FeedItem item(ArticleSnapshot article) {
		return new FeedItem(article.id(), article.title(), article.summary(), article.contentHtml(), article.url(),
				article.authors(), article.categories(), article.language(), article.publishedAt(), article.updatedAt(),
				image(article.image()));
	}

	private static FeedImage image(ArticleImage image) {
		return (image != null) ? new FeedImage(image.url(), image.alt(), image.width(), image.height()) : null;
	}

	private static String key(Object key) {
		if (key instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		if (key == null) {
			throw new IllegalArgumentException("Tombstone without a key");
		}
		return key.toString();
	}

	/**
	 * Applying the changes of one batch: those the consumer group had handled before this
	 * consumer got their partitions are replays, applied without announcing them.
	 */
	private record Applying(FeedCatalog catalog, ConsumerPositions positions, ConsumedBatch batch, EventAge age) {

		/**
		 * Applies changes and saves the position after the records before {@code end}, in
		 * one transaction.
		 */
		void apply(List<Indexed> changes, int end) {
			List<ArticleChange> replayed = new ArrayList<>();
			List<ArticleChange> news = new ArrayList<>();
			changes.forEach((change) -> (this.batch.replayed(change.index()) ? replayed : news).add(change.change()));
			this.positions.applyWith(this.batch.upTo(end), () -> {
				// A replayed record comes before any new one of its partition.
				this.catalog.replay(replayed);
				this.catalog.apply(news);
			});
			changes.forEach((change) -> this.age.applied(change.occurredAt()));
		}

	}

	/** A change and the index of its record in the batch. */
	private record Indexed(int index, ArticleChange change) {

		/** When the change happened; a tombstone says nothing of that. */
		Instant occurredAt() {
			if (this.change instanceof ArticleChange.Revised revised) {
				return revised.occurredAt();
			}
			return (this.change instanceof ArticleChange.Retracted retracted) ? retracted.occurredAt() : null;
		}

	}

}
