package org.syndication.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh schema in the PostgreSQL database named by {@value #URL_VARIABLE} (for example
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), dropped again when the tests end. Tests
 * that use it run only where that variable is set.
 */
public final class PostgresTestDatabase {

	public static final String URL_VARIABLE = "SYNDICATION_TEST_POSTGRES_URL";

	private static final String USER = System.getenv().getOrDefault("SYNDICATION_TEST_POSTGRES_USER", "postgres");

	private static final String PASSWORD = System.getenv().getOrDefault("SYNDICATION_TEST_POSTGRES_PASSWORD", "");

	// Named after the module whose tests run (Surefire runs them in its directory), so
	// that a
	// schema left behind by a killed run says where it came from.
	private static final String SCHEMA = Path.of(System.getProperty("user.dir"))
		.getFileName()
		.toString()
		.toLowerCase(Locale.ROOT)
		.replaceAll("[^a-z0-9]", "_") + "_test_" + UUID.randomUUID().toString().substring(0, 8);

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestDatabase::dropSchema));
	}

	private PostgresTestDatabase() {
	}

	public static void register(DynamicPropertyRegistry registry) {
		String url = System.getenv(URL_VARIABLE);
		registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> PASSWORD);
		registry.add("spring.flyway.schemas", () -> SCHEMA);
	}

	private static void dropSchema() {
		String url = System.getenv(URL_VARIABLE);
		if (url == null) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
		catch (SQLException ex) {
			// The schema only holds test data; a later run uses a new one either way.
		}
	}

}
