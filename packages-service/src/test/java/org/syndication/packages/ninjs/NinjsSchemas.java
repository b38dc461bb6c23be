package org.syndication.packages.ninjs;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * The IPTC's JSON Schemas of the ninjs releases, copied into {@code ninjs/} of the test
 * resources, loaded with {@code format} asserted (draft 2020-12 only annotates it by
 * default), as a partner validating strictly would.
 */
public final class NinjsSchemas {

	// Both releases refer to the GeoJSON schema for places; the IPTC's own test runner
	// registers its local copy of it, and so does this, so that no test reaches the
	// network.
	private static final Map<String, String> LOCAL_COPIES = Map.of("https://geojson.org/schema/GeoJSON.json",
			"classpath:ninjs/GeoJSON-schema.json");

	private static final Map<NinjsVersion, Schema> SCHEMAS = load();

	private NinjsSchemas() {
	}

	private static Map<NinjsVersion, Schema> load() {
		SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder.schemaRegistryConfig(config)
					.schemaIdResolvers((resolvers) -> resolvers.mappings(LOCAL_COPIES)));
		Map<NinjsVersion, Schema> schemas = new EnumMap<>(NinjsVersion.class);
		for (NinjsVersion version : NinjsVersion.values()) {
			Schema schema = registry
				.getSchema(SchemaLocation.of("classpath:ninjs/ninjs-schema_" + version.value() + ".json"));
			schema.initializeValidators();
			schemas.put(version, schema);
		}
		return schemas;
	}

	public static List<Error> validate(JsonNode item, NinjsVersion version) {
		return SCHEMAS.get(version).validate(item);
	}

	static JsonNode schemaNode(NinjsVersion version) {
		return SCHEMAS.get(version).getSchemaNode();
	}

}
