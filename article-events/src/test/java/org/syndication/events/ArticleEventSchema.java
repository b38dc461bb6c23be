package org.syndication.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * The published JSON Schema of the event value, loaded from the main resources with
 * {@code format} asserted (draft 2020-12 only annotates it by default), as a partner
 * validating strictly would.
 */
final class ArticleEventSchema {

	static final String LOCATION = "schema/article-event.schema.json";

	private static final Schema SCHEMA = load();

	private ArticleEventSchema() {
	}

	private static Schema load() {
		SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder.schemaRegistryConfig(config));
		Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + LOCATION));
		schema.initializeValidators();
		return schema;
	}

	static List<Error> validate(String json) {
		return SCHEMA.validate(json, InputFormat.JSON);
	}

	static List<Error> validate(JsonNode json) {
		return SCHEMA.validate(json);
	}

	static JsonNode schemaNode() {
		return SCHEMA.getSchemaNode();
	}

	static String resource(String location) {
		try (InputStream in = ArticleEventSchema.class.getClassLoader().getResourceAsStream(location)) {
			if (in == null) {
				throw new IllegalArgumentException("No resource " + location);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
