package org.syndication.packages.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What each package's topic must hold after the articles topic has been routed, worked
 * out from the events alone, apart from the code under test: per package and article, the
 * records in the order they must come, each an event id or {@link #TOMBSTONE}.
 * <p>
 * The routing it stands for: an event of an article that meets a package's rule goes to
 * the package; a later event that does not sends a tombstone to each package that held
 * the article; a retraction goes, followed by a tombstone, to each package that held the
 * article; a tombstone on the articles topic sends one to each package still holding it.
 */
final class ExpectedRecords {

	/** A tombstone, as a record in a package's sequence. */
	static final String TOMBSTONE = "tombstone";

	private final Map<String, Map<String, List<String>>> sequences = new TreeMap<>();

	private final Map<String, Set<String>> held = new HashMap<>();

	/**
	 * @param packages the names of every package defined
	 */
	ExpectedRecords(Collection<String> packages) {
		packages.forEach((name) -> this.sequences.put(name, new HashMap<>()));
	}

	/**
	 * A publication or an update, in the order of its article's events.
	 * @param key the article's key
	 * @param eventId the event's id
	 * @param matched the packages whose rules its article meets in this version
	 */
	void changed(String key, String eventId, Set<String> matched) {
		Set<String> before = this.held.getOrDefault(key, Set.of());
		for (String name : this.sequences.keySet()) {
			if (matched.contains(name)) {
				append(name, key, eventId);
			}
			else if (before.contains(name)) {
				append(name, key, TOMBSTONE);
			}
		}
		if (matched.isEmpty()) {
			this.held.remove(key);
		}
		else {
			this.held.put(key, new TreeSet<>(matched));
		}
	}

	/**
	 * A retraction: the event, then a tombstone, in every package holding the article.
	 * @param key the article's key
	 * @param eventId the retraction's id
	 */
	void retracted(String key, String eventId) {
		for (String name : this.held.getOrDefault(key, Set.of())) {
			append(name, key, eventId);
			append(name, key, TOMBSTONE);
		}
		this.held.remove(key);
	}

	/**
	 * A tombstone on the articles topic.
	 * @param key the article's key
	 */
	void removed(String key) {
		for (String name : this.held.getOrDefault(key, Set.of())) {
			append(name, key, TOMBSTONE);
		}
		this.held.remove(key);
	}

	/**
	 * @return per package, per article, the records it must hold, in order
	 */
	Map<String, Map<String, List<String>>> sequences() {
		return this.sequences;
	}

	/**
	 * @return per package, how many records its topic must hold
	 */
	Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.sequences.forEach((name, byKey) -> counts.put(name, byKey.values().stream().mapToLong(List::size).sum()));
		return counts;
	}

	/**
	 * @return per package, how many of its records are tombstones
	 */
	Map<String, Long> tombstones() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.sequences.forEach((name, byKey) -> counts.put(name,
				byKey.values().stream().flatMap(List::stream).filter(TOMBSTONE::equals).count()));
		return counts;
	}

	private void append(String name, String key, String record) {
		this.sequences.get(name).computeIfAbsent(key, (article) -> new ArrayList<>()).add(record);
	}

}
