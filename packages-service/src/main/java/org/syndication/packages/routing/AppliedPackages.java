package org.syndication.packages.routing;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.syndication.packages.definition.PackageDefinition;
import org.syndication.packages.definition.PackageDefinitions;

/**
 * The definitions a task routes by: those whose back-catalogue it has filled from its
 * partition. Kept in the task's store, so that the task's changelog and its output topics
 * agree after a restart, and held in memory, as only this task writes them.
 */
final class AppliedPackages {

	private final KeyValueStore<String, byte[]> store;

	private final Map<String, PackageDefinition> applied = new TreeMap<>();

	AppliedPackages(KeyValueStore<String, byte[]> store) {
		this.store = store;
		try (KeyValueIterator<String, byte[]> entries = store.all()) {
			while (entries.hasNext()) {
				KeyValue<String, byte[]> entry = entries.next();
				this.applied.put(entry.key, PackageDefinitions.read(entry.key, entry.value));
			}
		}
	}

	Map<String, PackageDefinition> all() {
		return Collections.unmodifiableMap(this.applied);
	}

	PackageDefinition get(String name) {
		return this.applied.get(name);
	}

	void apply(PackageDefinition definition) {
		this.store.put(definition.name(), PackageDefinitions.write(definition));
		this.applied.put(definition.name(), definition);
	}

	void forget(String name) {
		this.store.delete(name);
		this.applied.remove(name);
	}

}
