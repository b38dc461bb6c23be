package org.syndication.publisher.outbox;

import java.util.UUID;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.syndication.testsupport.PostgresTestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The migration on PostgreSQL, in a schema of its own that goes when the test ends.
 */
@Tag("postgres")
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+")
class OutboxMigrationPostgresTests extends OutboxMigrationTests {

	private final String schema = "publisher_migration_test_" + UUID.randomUUID().toString().substring(0, 8);

	@Override
	SingleConnectionDataSource dataSource() {
		String url = System.getenv(PostgresTestDatabase.URL_VARIABLE);
		return new SingleConnectionDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + this.schema,
				System.getenv().getOrDefault("SYNDICATION_TEST_POSTGRES_USER", "postgres"),
				System.getenv().getOrDefault("SYNDICATION_TEST_POSTGRES_PASSWORD", ""), true);
	}

	@Override
	void dropDatabase(SingleConnectionDataSource dataSource) {
		JdbcClient.create(dataSource).sql("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE").update();
	}

	@Override
	FluentConfiguration flyway(SingleConnectionDataSource dataSource) {
		return super.flyway(dataSource).schemas(this.schema);
	}

}
