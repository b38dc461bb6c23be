package org.syndication.packages.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Brings a task's packages up to the definitions topic: a package new or changed there is
 * filled from the articles of the task's partition (the articles it now takes in are
 * sent, tombstones go for those it held and no longer takes in), then applied; a removed
 * package is forgotten (its topic is the operator's to delete).
 * <p>
 * A definition that is invalid on the topic changes nothing: the package stays as it was
 * applied, or stays undefined.
 */
final class CatalogueFill {

	private static final Logger logger = LoggerFactory.getLogger(CatalogueFill.class);

	private final DefinedPackages defined;

	private final AppliedPackages applied;

	private final KeyValueStore<String, StoredEvent> articles;

	private final Memberships memberships;

	private final ArticleEventReader reader;

	private final Consumer<Record<String, Outbound>> out;

	CatalogueFill(DefinedPackages defined, AppliedPackages applied, KeyValueStore<String, StoredEvent> articles,
			Memberships memberships, ArticleEventReader reader, Consumer<Record<String, Outbound>> out) {
		this.defined = defined;
		this.applied = applied;
		this.articles = articles;
		this.memberships = memberships;
		this.reader = reader;
		this.out = out;
	}

	void run(long now) {
		DefinedPackages.Defined current = this.defined.current();
		Set<String> removed = new TreeSet<>(this.applied.all().keySet());
		removed.removeAll(current.valid().keySet());
		removed.removeAll(current.invalid());
		Map<String, PackageDefinition> changed = new LinkedHashMap<>();
		current.valid().forEach((name, definition) -> {
			if (!definition.equals(this.applied.get(name))) {
				changed.put(name, definition);
			}
		});
		if (!removed.isEmpty()) {
			this.memberships.forgetPackages(removed);
			removed.forEach(this.applied::forget);
			logger.info("Packages {} removed", removed);
		}
		if (!changed.isEmpty()) {
			fill(changed);
			changed.values().forEach(this.applied::apply);
			logger.info("Packages {} filled and applied", changed.keySet());
		}
	}

	private void fill(Map<String, PackageDefinition> changed) {
		try (KeyValueIterator<String, StoredEvent> entries = this.articles.all()) {
			while (entries.hasNext()) {
				KeyValue<String, StoredEvent> entry = entries.next();
				read(entry.key, entry.value).ifPresent((event) -> fill(changed, entry.key, event, entry.value));
			}
		}
	}

	private void fill(Map<String, PackageDefinition> changed, String key, ArticleEvent event, StoredEvent stored) {
		Set<String> held = this.memberships.of(key);
		List<Record<String, Outbound>> records = new ArrayList<>();
		Set<String> holding = new TreeSet<>(held);
		try {
			for (PackageDefinition definition : changed.values()) {
				PackageDefinition before = this.applied.get(definition.name());
				boolean had = held.contains(definition.name());
				if (PackageRecords.matches(definition, event)) {
					// An article the package held in the same format is there already.
					if (!had || before == null || before.format() != definition.format()) {
						records.add(PackageRecords.event(definition, key, event, stored));
					}
					holding.add(definition.name());
				}
				else if (had) {
					records.add(PackageRecords.tombstone(definition, key, stored.timestamp()));
					holding.remove(definition.name());
				}
			}
		}
		catch (IllegalArgumentException ex) {
			this.out.accept(
					DeadLetters.of(key, stored.value(), stored.headers(), stored.timestamp(), Optional.empty(), ex));
			return;
		}
		records.forEach(this.out);
		if (!holding.equals(held)) {
			this.memberships.put(key, holding);
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
