package org.syndication.packages.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.syndication.packages.definition.PackageDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * The definitions a task routes by, and how far the filling of each new or changed one
 * from the task's articles has come. Kept in the task's store, so that the task's
 * changelog and its output topics agree after a restart, and held in memory, as only this
 * task writes them.
 */
final class AppliedPackages {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeyValueStore<String, byte[]> store;

	private final Map<String, AppliedPackage> applied = new TreeMap<>();

	AppliedPackages(KeyValueStore<String, byte[]> store) {
		this.store = store;
		try (KeyValueIterator<String, byte[]> entries = store.all()) {
			while (entries.hasNext()) {
				KeyValue<String, byte[]> entry = entries.next();
				this.applied.put(entry.key, JSON.readValue(entry.value, AppliedPackage.class));
			}
		}
	}

	/**
	 * The definitions to route by: those applied, and those being filled.
	 * @return the definitions by name
	 */
	Map<String, PackageDefinition> all() {
		Map<String, PackageDefinition> definitions = new LinkedHashMap<>();
		this.applied.forEach((name, applied) -> definitions.put(name, applied.definition()));
		return Collections.unmodifiableMap(definitions);
	}

	PackageDefinition get(String name) {
		AppliedPackage applied = this.applied.get(name);
		return (applied != null) ? applied.definition() : null;
	}

	/**
	 * The packages being filled, and how far.
	 * @return the fills by package name
	 */
	Map<String, Fill> filling() {
		Map<String, Fill> fills = new LinkedHashMap<>();
		this.applied.forEach((name, applied) -> {
			if (applied.fill() != null) {
				fills.put(name, applied.fill());
			}
		});
		return fills;
	}

	/**
	 * Routes by a new or changed definition from now on, and fills its package from the
	 * first article.
	 * @param definition the definition
	 */
	void start(PackageDefinition definition) {
		AppliedPackage before = this.applied.get(definition.name());
		// A new package, or one whose records change form, gets every article it takes
		// in; one whose rule alone changed gets those it did not hold. A fill cut short
		// by a further change starts again, as sweeping as either.
		boolean everyMatch = before == null || before.definition().format() != definition.format()
				|| (before.fill() != null && before.fill().everyMatch());
		put(new AppliedPackage(definition, new Fill(null, everyMatch)));
	}

	void advance(String name, String lastKey) {
		AppliedPackage applied = this.applied.get(name);
		put(new AppliedPackage(applied.definition(), new Fill(lastKey, applied.fill().everyMatch())));
	}

	void filled(String name) {
		put(new AppliedPackage(this.applied.get(name).definition(), null));
	}

	void forget(String name) {
		this.store.delete(name);
		this.applied.remove(name);
	}

	private void put(AppliedPackage applied) {
		this.store.put(applied.definition().name(), JSON.writeValueAsBytes(applied));
		this.applied.put(applied.definition().name(), applied);
	}

	/**
	 * A definition the task routes by.
	 *
	 * @param definition the definition
	 * @param fill how far filling its package has come, or {@code null} once it is filled
	 */
	record AppliedPackage(PackageDefinition definition, Fill fill) {

	}

	/**
	 * How far filling a package from the task's articles has come.
	 *
	 * @param after the key of the last article looked at, or {@code null} before the
	 * first
	 * @param everyMatch whether every article the package takes in is sent, or only those
	 * it does not hold
	 */
	record Fill(String after, boolean everyMatch) {

	}

}
