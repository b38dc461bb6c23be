package org.syndication.packages.routing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventReader;
import org.syndication.packages.definition.PackageDefinition;
import tools.jackson.core.JacksonException;

/**
 * Brings a task's packages up to the definitions topic. A package new or changed there is
 * routed by its new definition at once, and filled from the articles of the task's
 * partition, a batch at each run: the articles it now takes in are sent, tombstones go
 * for those it held and no longer takes in. A removed package is forgotten (its topic is
 * the operator's to delete).
 * <p>
 * Each run does a bounded amount of work, as it is part of the task's transaction and
 * holds up its stream thread; a fill resumes after the last article it looked at, in the
 * order of the store's keys. An article that changes while its package is being filled is
 * routed at once, and may be sent again, in the same version, when the fill reaches it.
 * <p>
 * A definition that is invalid on the topic changes nothing: the package stays as it was,
 * or stays undefined.
 */
final class CatalogueFill {

	private static final Logger logger = LoggerFactory.getLogger(CatalogueFill.class);

	private final DefinedPackages defined;

	private final AppliedPackages applied;

	private final KeyValueStore<String, StoredEvent> articles;

	private final Memberships memberships;

	private final ArticleEventReader reader;

	private final Consumer<Record<String, Outbound>> out;

	private final int batchSize;

	CatalogueFill(DefinedPackages defined, AppliedPackages applied, KeyValueStore<String, StoredEvent> articles,
			Memberships memberships, ArticleEventReader reader, Consumer<Record<String, Outbound>> out, int batchSize) {
		this.defined = defined;
		this.applied = applied;
		this.articles = articles;
		this.memberships = memberships;
		this.reader = reader;
		this.out = out;
		this.batchSize = batchSize;
	}

	void run(long now) {
		DefinedPackages.Defined current = this.defined.current();
		Set<String> removed = new TreeSet<>(this.applied.all().keySet());
		removed.removeAll(current.valid().keySet());
		removed.removeAll(current.invalid());
		if (!removed.isEmpty()) {
			this.memberships.forgetPackages(removed);
			removed.forEach(this.applied::forget);
			logger.info("Packages {} removed", removed);
		}
		current.valid().forEach((name, definition) -> {
			if (!definition.equals(this.applied.get(name))) {
				this.applied.start(definition);
				logger.info("Package {} defined as {}, being filled", name, definition);
			}
		});
		int budget = this.batchSize;
		for (Map.Entry<String, AppliedPackages.Fill> filling : this.applied.filling().entrySet()) {
			if (budget == 0) {
				break;
			}
			budget -= fill(this.applied.get(filling.getKey()), filling.getValue(), budget);
		}
	}

	/**
	 * Fills a package with up to a number of articles.
	 * @return how many articles it looked at
	 */
	private int fill(PackageDefinition definition, AppliedPackages.Fill fill, int budget) {
		int looked = 0;
		String last = fill.after();
		try (KeyValueIterator<String, StoredEvent> entries = (last != null) ? this.articles.range(last, null)
				: this.articles.all()) {
			while (entries.hasNext()) {
				KeyValue<String, StoredEvent> entry = entries.next();
				if (entry.key.equals(fill.after())) {
					continue;
				}
				if (looked == budget) {
					this.applied.advance(definition.name(), last);
					return looked;
				}
				read(entry.key, entry.value)
					.ifPresent((event) -> fill(definition, fill.everyMatch(), entry.key, event, entry.value));
				last = entry.key;
				looked++;
			}
		}
		this.applied.filled(definition.name());
		logger.info("Package {} filled", definition.name());
		return looked;
	}

	private void fill(PackageDefinition definition, boolean everyMatch, String key, ArticleEvent event,
			StoredEvent stored) {
		Set<String> held = this.memberships.of(key);
		boolean had = held.contains(definition.name());
		Record<String, Outbound> record = null;
		try {
			if (PackageRecords.matches(definition, event)) {
				if (everyMatch || !had) {
					record = PackageRecords.event(definition, key, event, stored);
				}
				held.add(definition.name());
			}
			else if (had) {
				record = PackageRecords.tombstone(definition, key, stored.timestamp());
				held.remove(definition.name());
			}
		}
		catch (IllegalArgumentException ex) {
			this.out.accept(
					DeadLetters.of(key, stored.value(), stored.headers(), stored.timestamp(), Optional.empty(), ex));
			return;
		}
		if (record != null) {
			this.out.accept(record);
		}
		if (held.contains(definition.name()) != had) {
			this.memberships.put(key, held);
		}
	}

	private Optional<ArticleEvent> read(String key, StoredEvent stored) {
		try {
			return this.reader.read(stored.value());
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// Only events that were read are kept, so this is a store written by another
			// version of the service.
			logger.warn("Stored event of article {} passed over: {}", key, ex.getMessage());
			return Optional.empty();
		}
	}

}
