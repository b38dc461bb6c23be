package org.syndication.notifier.alert;

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
import org.syndication.web.pipeline.EventAge;
import org.syndication.web.pipeline.RecordSpans;
import org.syndication.web.pipeline.Traces;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

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
 */
@Configuration(proxyBeanMethods = false)
class ArticleEventsBinding {

	private static final Logger logger = LoggerFactory.getLogger(ArticleEventsBinding.class);

	@Bean
	Consumer<Message<List<Object>>> articles(AlertService alerts, JsonMapper json, Traces traces, EventAge age) {
		ArticleEventReader reader = new ArticleEventReader(json,
				(eventId, type) -> logger.info("Skipping event {} of unknown type '{}'", eventId, type));
		return (batch) -> {
			List<Object> payloads = batch.getPayload();
			List<?> keys = batch.getHeaders().get(KafkaHeaders.RECEIVED_KEY, List.class);
			RecordSpans spans = RecordSpans.start(traces, "notifier apply", batch);
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
						apply(changes, alerts, age);
						throw new BatchListenerFailedException("Record " + index + " of the batch is no article event",
								ex, index);
					}
					change.ifPresent((read) -> changes.add(new Indexed(position, read)));
				}
				apply(changes, alerts, age);
				spans.applied();
			}
			catch (BatchListenerFailedException ex) {
				spans.failed(ex.getIndex(), ex.getCause());
				throw ex;
			}
		};
	}

	/**
	 * Applies the changes in one transaction; if that fails, one by one, so that the one
	 * that fails is known and those before it are kept.
	 */
	private static void apply(List<Indexed> changes, AlertService alerts, EventAge age) {
		try {
			alerts.apply(changes.stream().map(Indexed::change).toList());
			changes.forEach((change) -> age.applied(change.change().occurredAt()));
		}
		catch (RuntimeException batchFailure) {
			logger.warn("A batch of {} events failed ({}); applying them one by one", changes.size(),
					batchFailure.toString());
			for (Indexed change : changes) {
				try {
					alerts.apply(List.of(change.change()));
					age.applied(change.change().occurredAt());
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

	/** A change and the position of its record in the batch. */
	private record Indexed(int index, ArticleChange change) {

	}

}
