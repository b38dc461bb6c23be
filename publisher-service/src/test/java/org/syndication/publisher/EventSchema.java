package org.syndication.publisher;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/**
 * The contract's published JSON Schema, with formats asserted, as a strict partner
 * validates.
 */
public final class EventSchema {

	private static final Schema SCHEMA = load();

	private EventSchema() {
	}

	public static List<Error> validate(String json) {
		return SCHEMA.validate(json, InputFormat.JSON);
	}

	private static Schema load() {
		SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder.schemaRegistryConfig(config));
		Schema schema = registry.getSchema(SchemaLocation.of("classpath:schema/article-event.schema.json"));
		schema.initializeValidators();
		return schema;
	}

}
