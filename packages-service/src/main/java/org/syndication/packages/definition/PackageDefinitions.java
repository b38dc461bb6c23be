package org.syndication.packages.definition;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Package definitions as the records of the {@value #TOPIC} topic: the key is the
 * package's name, the value the definition as JSON, and a tombstone removes the package.
 * The topic is compacted, so it holds every package that exists.
 * <p>
 * <pre>{"name":"sport","categories":["sport"],"languages":["en"],"authors":[],"format":"events"}</pre>
 */
public final class PackageDefinitions {

	/** The compacted topic of the definitions. */
	public static final String TOPIC = "packages.definitions";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// A misspelt property would otherwise be a rule that restricts less than meant.
	private static final List<String> PROPERTIES = Arrays.stream(PackageDefinition.class.getRecordComponents())
		.map(RecordComponent::getName)
		.toList();

	private PackageDefinitions() {
	}

	/**
	 * Reads the value of a record of the topic.
	 * @param key the record's key, the package's name
	 * @param value the record's value, UTF-8 JSON
	 * @return the definition
	 * @throws IllegalArgumentException if the value is not a valid definition, or names a
	 * package other than its key
	 */
	public static PackageDefinition read(String key, byte[] value) {
		Objects.requireNonNull(value, "value");
		PackageDefinition definition;
		try {
			JsonNode tree = JSON.readTree(value);
			if (!tree.isObject()) {
				throw new IllegalArgumentException("Not a package definition: not a JSON object");
			}
			// Checked before the record is made, whose own checks would otherwise report
			// a
			// misspelt kind as a rule naming nothing.
			for (String property : tree.propertyNames()) {
				if (!PROPERTIES.contains(property)) {
					throw new IllegalArgumentException(
							"Not a package definition: unknown property '" + property + "', not one of " + PROPERTIES);
				}
			}
			definition = JSON.treeToValue(tree, PackageDefinition.class);
		}
		catch (ValueInstantiationException ex) {
			if (ex.getCause() instanceof IllegalArgumentException invalid) {
				throw invalid;
			}
			throw new IllegalArgumentException("Not a package definition: " + ex.getOriginalMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not a package definition: " + ex.getOriginalMessage(), ex);
		}
		if (definition == null) {
			throw new IllegalArgumentException("Not a package definition: null");
		}
		if (!definition.name().equals(key)) {
			throw new IllegalArgumentException(
					"Definition of package '" + definition.name() + "' under the key '" + key + "'");
		}
		return definition;
	}

	/**
	 * Writes the value of a record of the topic; its key is the definition's name.
	 * @param definition the definition
	 * @return UTF-8 JSON
	 */
	public static byte[] write(PackageDefinition definition) {
		return JSON.writeValueAsBytes(definition);
	}

}
