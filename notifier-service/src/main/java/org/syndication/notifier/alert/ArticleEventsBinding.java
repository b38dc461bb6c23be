package org.syndication.notifier.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventReader;
import org.syndication.events.ArticleImage;
import org.syndication.events.ArticleSnapshot;
import org.syndication.notifier.alert.ArticleChange.Kind;
import org.syndication.notifier.digest.DigestRuns;
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
 * The edge to the {@code articles} topic: turns the records of each poll into the alert
 * service's terms and has them applied together. It only records what must be sent; mail
 * goes out from {@code DeliveryDispatcher}, so a slow or absent SMTP server never holds
 * the consumer past {@code max.poll.interval.ms}. Destination, group, batch size, retries
 * and the dead-letter topic are in {@code application.yml}.
 * <p>
 * A record that is no article event is named to the container's error handler
 * (service-web's {@code BatchDeadLetters}) once the records before it are applied; the
 * handler tries it again from there and in the end sends it to the dead-letter topic, and
 * the records after it are delivered again.
 * <p>
 * Each transaction saves the position the records it applies reach (service-web's
 * {@code ConsumerPositions}), and reading resumes from the position the database holds: a
 * database restored from an older backup reads again the records it is missing, and
 * applies those the consumer group had handled before as replays, which raise no alert
 * and go into no digest, and close the digest periods that had ended by then.
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

	/** Where reading resumes: the positions this service's database holds. */
	@Bean
	ConsumerPositions consumerPositions(JdbcClient jdbc, PlatformTransactionManager transactions) {
		return new ConsumerPositions(jdbc, transactions, BINDING, false, DATABASE_PATIENCE);
	}

	@Bean
	Consumer<Message<List<Object>>> articles(AlertService alerts, DigestRuns digests, ConsumerPositions positions,
			JsonMapper json, Traces traces, EventAge age) {
		ArticleEventReader reader = new ArticleEventReader(json,
				(eventId, type) -> logger.info("Skipping event {} of unknown type '{}'", eventId, type));
		return (message) -> {
			List<Object> payloads = message.getPayload();
			List<?> keys = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY, List.class);
			Applying applying = new Applying(alerts, digests, positions, positions.batch(message), age);
			RecordSpans spans = RecordSpans.start(traces, "notifier apply", message);
			try {
				List<Indexed> changes = new ArrayList<>(payloads.size());
				for (int index = 0; index < payloads.size(); index++) {
					int position = index;
					Object key = (keys != null) ? keys.get(index) : null;
					Optional<ArticleChange> change;
					try {
						change = spans.inScope(index, key,
								() -> change(payloads.get(position), reader, spans, position));
					}
					catch (RuntimeException ex) {
						apply(changes, applying, index);
						throw new BatchListenerFailedException("Record " + index + " of the batch is no article event",
								ex, index);
					}
					change.ifPresent((read) -> changes.add(new Indexed(position, read)));
				}
				apply(changes, applying, payloads.size());
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
	 * {@code end}; if that fails, one by one, so that the one that fails is known and
	 * those before it are kept.
	 */
	private static void apply(List<Indexed> changes, Applying applying, int end) {
		try {
			applying.apply(changes, end);
		}
		catch (RuntimeException batchFailure) {
			if (changes.isEmpty()) {
				throw batchFailure;
			}
			logger.warn("A batch of {} events failed ({}); applying them one by one", changes.size(),
					batchFailure.toString());
			for (int i = 0; i < changes.size(); i++) {
				Indexed change = changes.get(i);
				try {
					applying.apply(List.of(change), (i == changes.size() - 1) ? end : change.index() + 1);
				}
				catch (RuntimeException ex) {
					throw new BatchListenerFailedException("Record " + change.index() + " of the batch failed", ex,
							change.index());
				}
			}
		}
	}

	private static Optional<ArticleChange> change(Object payload, ArticleEventReader reader, RecordSpans spans,
			int index) {
		if (payload instanceof byte[] value) {
			return reader.read(value).map((event) -> {
				spans.identify(index, event.article().id(), event.eventId());
				return change(event, spans.traceParent(index));
			});
		}
		// A tombstone asks for nothing that the retraction event before it did not do.
		if (payload == null || payload instanceof KafkaNull) {
			return Optional.empty();
		}
		throw new IllegalArgumentException("Unexpected payload type " + payload.getClass().getName());
	}

	private static ArticleChange change(ArticleEvent event, String trace) {
		// Old news raises no alert, and only the times tell what is old.
		if (event.occurredAt() == null || event.article().publishedAt() == null) {
			throw new IllegalArgumentException("Event without occurredAt or publishedAt");
		}
		Kind kind = switch (event.type()) {
			case PUBLISHED -> Kind.PUBLISHED;
			case UPDATED -> Kind.UPDATED;
			case RETRACTED -> Kind.RETRACTED;
		};
		return new ArticleChange(kind, article(event.article()), event.occurredAt(), trace);
	}

	private static Article article(ArticleSnapshot article) {
		return new Article(article.id(), article.version(), article.title(), article.summary(), article.contentHtml(),
				article.url(), article.language(), article.categories(), article.publishedAt(), article.breaking(),
				image(article.image()));
	}

	private static Article.Image image(ArticleImage image) {
		return (image != null) ? new Article.Image(image.url(), image.alt(), image.width(), image.height()) : null;
	}

	/**
	 * Applying the changes of one batch: those the consumer group had handled before this
	 * consumer got their partitions are replays, after a restore from an older backup.
	 */
	private record Applying(AlertService alerts, DigestRuns digests, ConsumerPositions positions, ConsumedBatch batch,
			EventAge age) {

		/**
		 * Applies changes and saves the position after the records before {@code end}, in
		 * one transaction.
		 */
		void apply(List<Indexed> changes, int end) {
			List<ArticleChange> replayed = new ArrayList<>();
			List<ArticleChange> news = new ArrayList<>();
			Instant lastReplayed = null;
			for (Indexed change : changes) {
				if (this.batch.replayed(change.index())) {
					replayed.add(change.change());
					Instant written = this.batch.timestamp(change.index());
					if (written != null && (lastReplayed == null || written.isAfter(lastReplayed))) {
						lastReplayed = written;
					}
				}
				else {
					news.add(change.change());
				}
			}
			Instant lostDatabaseWorked = lastReplayed;
			this.positions.applyWith(this.batch.upTo(end), () -> {
				// A replayed record comes before any new one of its partition.
				this.alerts.replay(replayed, lostDatabaseWorked);
				if (lostDatabaseWorked != null) {
					this.digests.countAsSent(lostDatabaseWorked);
				}
				this.alerts.apply(news);
			});
			changes.forEach((change) -> this.age.applied(change.change().occurredAt()));
		}

	}

	/** A change and the position of its record in the batch. */
	private record Indexed(int index, ArticleChange change) {

	}

}
