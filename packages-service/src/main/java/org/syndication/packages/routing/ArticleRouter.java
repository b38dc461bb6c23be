package org.syndication.packages.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventReader;
import org.syndication.events.ArticleEventType;
import org.syndication.packages.definition.PackageDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes each record of the articles topic into the topics of the packages its article is
 * in, or leaves them, and keeps what a package defined later needs: the latest event of
 * each article of the partition, and the packages that hold each article.
 * <p>
 * It routes by the definitions the task has applied; {@link CatalogueFill}, on a
 * wall-clock schedule, applies new and changed ones and fills their topics from the
 * partition's articles. Both write within the task's transaction.
 */
final class ArticleRouter implements Processor<String, byte[], String, Outbound> {

	private static final Logger logger = LoggerFactory.getLogger(ArticleRouter.class);

	private final Duration fillInterval;

	private final int fillBatchSize;

	private final ArticleEventReader reader = new ArticleEventReader(JsonMapper.builder().build(),
			(eventId, type) -> logger.debug("Event {} of unknown type {} passed over", eventId, type));

	private ProcessorContext<String, Outbound> context;

	private KeyValueStore<String, StoredEvent> articles;

	private Memberships memberships;

	private AppliedPackages applied;

	ArticleRouter(Duration fillInterval, int fillBatchSize) {
		this.fillInterval = fillInterval;
		this.fillBatchSize = fillBatchSize;
	}

	@Override
	public void init(ProcessorContext<String, Outbound> context) {
		this.context = context;
		this.articles = context.getStateStore(PackagesTopology.ARTICLES_STORE);
		this.memberships = new Memberships(context.getStateStore(PackagesTopology.MEMBERSHIPS_STORE));
		this.applied = new AppliedPackages(context.getStateStore(PackagesTopology.APPLIED_STORE));
		CatalogueFill fill = new CatalogueFill(
				new DefinedPackages(context.getStateStore(PackagesTopology.DEFINITIONS_STORE)), this.applied,
				this.articles, this.memberships, this.reader, context::forward, this.fillBatchSize);
		context.schedule(this.fillInterval, PunctuationType.WALL_CLOCK_TIME, fill::run);
	}

	@Override
	public void process(Record<String, byte[]> record) {
		String key = record.key();
		if (key == null) {
			deadLetter(record, new IllegalArgumentException("Record without key, which is the article's id"));
			return;
		}
		if (record.value() == null) {
			removed(key, record.timestamp());
			return;
		}
		StoredEvent stored = new StoredEvent(record.value(), record.headers(), record.timestamp());
		try {
			Optional<ArticleEvent> event = this.reader.read(record.value());
			if (event.isPresent()) {
				route(key, event.get(), stored);
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			deadLetter(record, ex);
		}
	}

	private void route(String key, ArticleEvent event, StoredEvent stored) {
		Set<String> held = this.memberships.of(key);
		// Made in full before any is sent, so that an event that fails goes to the
		// dead-letter topic alone.
		List<Record<String, Outbound>> out = new ArrayList<>();
		if (event.type() == ArticleEventType.RETRACTED) {
			for (String name : held) {
				PackageDefinition definition = this.applied.get(name);
				if (definition != null) {
					out.add(PackageRecords.event(definition, key, event, stored));
					out.add(PackageRecords.tombstone(definition, key, stored.timestamp()));
				}
			}
			out.forEach(this.context::forward);
			this.memberships.forget(key);
			// The retracted article is no back-catalogue: a package defined before its
			// tombstone comes does not get it.
			this.articles.delete(key);
			return;
		}
		Set<String> holding = new TreeSet<>();
		for (PackageDefinition definition : this.applied.all().values()) {
			if (PackageRecords.matches(definition, event)) {
				out.add(PackageRecords.event(definition, key, event, stored));
				holding.add(definition.name());
			}
			else if (held.contains(definition.name())) {
				out.add(PackageRecords.tombstone(definition, key, stored.timestamp()));
			}
		}
		out.forEach(this.context::forward);
		this.memberships.put(key, holding);
		this.articles.put(key, stored);
	}

	private void removed(String key, long timestamp) {
		for (String name : this.memberships.of(key)) {
			PackageDefinition definition = this.applied.get(name);
			if (definition != null) {
				this.context.forward(PackageRecords.tombstone(definition, key, timestamp));
			}
		}
		this.memberships.forget(key);
		this.articles.delete(key);
	}

	private void deadLetter(Record<String, byte[]> record, Exception failure) {
		logger.warn("Record {} of the articles topic sent to {}: {}",
				this.context.recordMetadata().map(Object::toString).orElse(""), PackageTopics.DEAD_LETTER_TOPIC,
				failure.getMessage());
		this.context.forward(DeadLetters.of(record.key(), record.value(), record.headers(), record.timestamp(),
				this.context.recordMetadata(), failure));
	}

}
