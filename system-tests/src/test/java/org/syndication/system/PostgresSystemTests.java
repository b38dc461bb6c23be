package org.syndication.system;

import java.nio.file.Path;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The system scenarios with every service on its own schema of a PostgreSQL database.
 */
@Tag("postgres")
@EnabledIfEnvironmentVariable(named = Databases.POSTGRES_URL_VARIABLE, matches = ".+")
class PostgresSystemTests extends SystemScenarios {

	@Override
	Function<Path, Databases> databases() {
		return (directory) -> Databases.postgres();
	}

}
