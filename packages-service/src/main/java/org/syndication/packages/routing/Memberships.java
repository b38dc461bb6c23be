package org.syndication.packages.routing;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per article, the packages whose topics hold it now: where a tombstone for it must go.
 * Package names hold no comma, so a set of them is kept as one string.
 */
final class Memberships {

	private final KeyValueStore<String, String> store;

	Memberships(KeyValueStore<String, String> store) {
		this.store = store;
	}

	Set<String> of(String articleKey) {
		return parse(this.store.get(articleKey));
	}

	void put(String articleKey, Collection<String> packages) {
		if (packages.isEmpty()) {
			this.store.delete(articleKey);
		}
		else {
			this.store.put(articleKey, String.join(",", new TreeSet<>(packages)));
		}
	}

	void forget(String articleKey) {
		this.store.delete(articleKey);
	}

	/**
	 * Removes packages from every article's set.
	 * @param removed the packages' names
	 */
	void forgetPackages(Set<String> removed) {
		// Collected first, and written once the iterator is closed.
		Map<String, Set<String>> changed = new LinkedHashMap<>();
		try (KeyValueIterator<String, String> entries = this.store.all()) {
			while (entries.hasNext()) {
				KeyValue<String, String> entry = entries.next();
				Set<String> packages = parse(entry.value);
				if (packages.removeAll(removed)) {
					changed.put(entry.key, packages);
				}
			}
		}
		changed.forEach(this::put);
	}

	private static Set<String> parse(String names) {
		Set<String> packages = new TreeSet<>();
		if (names != null && !names.isEmpty()) {
			packages.addAll(Arrays.asList(names.split(",")));
		}
		return packages;
	}

}
