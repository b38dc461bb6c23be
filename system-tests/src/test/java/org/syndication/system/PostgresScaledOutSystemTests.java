package org.syndication.system;

import java.nio.file.Path;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The scaled-out scenarios with each service's two instances sharing a schema of a
 * PostgreSQL database.
 */
@Tag("postgres")
@EnabledIfEnvironmentVariable(named = Databases.POSTGRES_URL_VARIABLE, matches = ".+")
class PostgresScaledOutSystemTests extends ScaledOutScenarios {

	@Override
	Function<Path, Databases> databases() {
		return (directory) -> Databases.postgres();
	}

}
