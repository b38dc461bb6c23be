package org.syndication.notifier.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.syndication.testsupport.H2FileDatabase;

import org.springframework.util.FileSystemUtils;

/** A fresh database for one run of the dispatch benchmark, removed after it. */
interface DispatchDatabase extends AutoCloseable {

	/**
	 * A database for one run.
	 * @param postgresUrl a PostgreSQL JDBC URL, or {@code null} for an H2 file
	 */
	static DispatchDatabase create(String postgresUrl) throws Exception {
		if (postgresUrl != null) {
			return Postgres.create(postgresUrl);
		}
		return H2File.create();
	}

	String url();

	/** Properties for each instance, the benchmark's overrides last. */
	default List<String> properties(List<String> overrides) {
		return overrides;
	}

	@Override
	void close() throws Exception;

	/**
	 * An H2 file database, as the local stack runs the notifier; both instances of this
	 * process open the same file, and H2 serves them as one embedded database.
	 */
	record H2File(Path directory) implements DispatchDatabase {

		static H2File create() throws Exception {
			return new H2File(Files.createTempDirectory("notifier-dispatch-benchmark"));
		}

		@Override
		public String url() {
			return H2FileDatabase.url(this.directory.resolve("db"));
		}

		@Override
		public void close() {
			try {
				FileSystemUtils.deleteRecursively(this.directory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** A schema of its own in a PostgreSQL database, dropped after the run. */
	record Postgres(String baseUrl, String schema) implements DispatchDatabase {

		private static final String USER = System.getenv()
			.getOrDefault("SYNDICATION_BENCHMARK_POSTGRES_USER", "postgres");

		private static final String PASSWORD = System.getenv()
			.getOrDefault("SYNDICATION_BENCHMARK_POSTGRES_PASSWORD", "");

		static Postgres create(String baseUrl) throws SQLException {
			String schema = "dispatch_benchmark_" + UUID.randomUUID().toString().substring(0, 8);
			execute(baseUrl, "CREATE SCHEMA " + schema);
			return new Postgres(baseUrl, schema);
		}

		@Override
		public String url() {
			return this.baseUrl + (this.baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + this.schema;
		}

		@Override
		public List<String> properties(List<String> overrides) {
			List<String> properties = new ArrayList<>();
			properties.add("spring.datasource.username=" + USER);
			properties.add("spring.datasource.password=" + PASSWORD);
			properties.add("spring.flyway.schemas=" + this.schema);
			properties.addAll(overrides);
			return properties;
		}

		@Override
		public void close() throws SQLException {
			execute(this.baseUrl, "DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		}

		private static void execute(String url, String sql) throws SQLException {
			try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}

	}

}
