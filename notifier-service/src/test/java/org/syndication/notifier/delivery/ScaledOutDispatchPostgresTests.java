package org.syndication.notifier.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.syndication.testsupport.PostgresTestDatabase;

@Tag("postgres")
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class ScaledOutDispatchPostgresTests extends ScaledOutDispatchTests {

	@Override
	Map<String, String> database() {
		Map<String, String> properties = new LinkedHashMap<>();
		PostgresTestDatabase.register((name, value) -> properties.put(name, String.valueOf(value.get())));
		return properties;
	}

}
