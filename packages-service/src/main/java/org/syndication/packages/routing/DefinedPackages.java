package org.syndication.packages.routing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.packages.definition.PackageDefinition;
import org.syndication.packages.definition.PackageDefinitions;

/**
 * The packages the definitions topic holds now, read from the global store. A definition
 * is read again only when its bytes change, and an invalid one is reported once.
 */
final class DefinedPackages {

	private static final Logger logger = LoggerFactory.getLogger(DefinedPackages.class);

	private final ReadOnlyKeyValueStore<String, byte[]> store;

	private final Map<String, Read> reads = new HashMap<>();

	DefinedPackages(ReadOnlyKeyValueStore<String, byte[]> store) {
		this.store = store;
	}

	/**
	 * What the topic defines now.
	 * @return the valid definitions by name, and the names whose definition is invalid
	 */
	Defined current() {
		Map<String, PackageDefinition> valid = new TreeMap<>();
		Set<String> invalid = new TreeSet<>();
		Map<String, Read> seen = new HashMap<>();
		try (KeyValueIterator<String, byte[]> entries = this.store.all()) {
			while (entries.hasNext()) {
				KeyValue<String, byte[]> entry = entries.next();
				Read read = this.reads.get(entry.key);
				if (read == null || !Arrays.equals(read.bytes(), entry.value)) {
					read = read(entry.key, entry.value);
				}
				seen.put(entry.key, read);
				if (read.definition() != null) {
					valid.put(entry.key, read.definition());
				}
				else {
					invalid.add(entry.key);
				}
			}
		}
		this.reads.keySet().retainAll(seen.keySet());
		this.reads.putAll(seen);
		return new Defined(valid, invalid);
	}

	private static Read read(String name, byte[] bytes) {
		try {
			return new Read(bytes, PackageDefinitions.read(name, bytes));
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Definition of package '{}' passed over, the package stays as it was: {}", name,
					ex.getMessage());
			return new Read(bytes, null);
		}
	}

	/**
	 * The packages defined at one time.
	 *
	 * @param valid the valid definitions by name
	 * @param invalid the names whose definition is invalid
	 */
	record Defined(Map<String, PackageDefinition> valid, Set<String> invalid) {

	}

	private record Read(byte[] bytes, PackageDefinition definition) {

	}

}
