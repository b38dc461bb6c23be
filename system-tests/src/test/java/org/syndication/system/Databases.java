package org.syndication.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where each service keeps its data: one database per service (shared by that service's
 * instances), as separate H2 files or as separate PostgreSQL schemas.
 */
interface Databases extends AutoCloseable {

	/**
	 * The name of the variable that points the PostgreSQL runs at a database, for example
	 * {@code jdbc:postgresql://127.0.0.1:5432/test}.
	 */
	String POSTGRES_URL_VARIABLE = "SYNDICATION_TEST_POSTGRES_URL";

	/**
	 * @param service the service whose database it is
	 * @return the environment that points a service instance at it
	 */
	Map<String, String> environment(String service);

	/**
	 * Deletes every table and row of the service's database; its instances must be
	 * stopped.
	 * @param service the service whose database goes
	 */
	void wipe(String service);

	@Override
	void close();

	static Databases h2(Path directory) {
		return new H2Files(directory);
	}

	static Databases postgres() {
		String url = System.getenv(POSTGRES_URL_VARIABLE);
		if (url == null) {
			throw new IllegalStateException(POSTGRES_URL_VARIABLE + " is not set");
		}
		return new PostgresSchemas(url, System.getenv().getOrDefault("SYNDICATION_TEST_POSTGRES_USER", "postgres"),
				System.getenv().getOrDefault("SYNDICATION_TEST_POSTGRES_PASSWORD", ""));
	}

	/**
	 * H2 file databases in mixed mode, so that two instances of a service can share one.
	 */
	record H2Files(Path directory) implements Databases {

		@Override
		public Map<String, String> environment(String service) {
			return Map.of("SPRING_DATASOURCE_URL",
					"jdbc:h2:file:" + directory(service).resolve("db").toAbsolutePath()
							+ ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
					"SPRING_DATASOURCE_USERNAME", "sa", "SPRING_DATASOURCE_PASSWORD", "");
		}

		@Override
		public void wipe(String service) {
			try (Stream<Path> files = Files.walk(directory(service))) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> {
					try {
						Files.delete(file);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot delete the database of " + service, ex);
			}
		}

		@Override
		public void close() {
		}

		private Path directory(String service) {
			return this.directory.resolve(service);
		}

	}

	/**
	 * A fresh schema per service in one PostgreSQL database, dropped at the end.
	 */
	final class PostgresSchemas implements Databases {

		private final String url;

		private final String user;

		private final String password;

		private final String prefix = "system_" + UUID.randomUUID().toString().substring(0, 8) + "_";

		private final Set<String> schemas = new LinkedHashSet<>();

		PostgresSchemas(String url, String user, String password) {
			this.url = url;
			this.user = user;
			this.password = password;
		}

		@Override
		public synchronized Map<String, String> environment(String service) {
			String schema = schema(service);
			this.schemas.add(schema);
			return Map.of("SPRING_DATASOURCE_URL",
					this.url + (this.url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
					"SPRING_DATASOURCE_USERNAME", this.user, "SPRING_DATASOURCE_PASSWORD", this.password,
					"SPRING_FLYWAY_SCHEMAS", schema);
		}

		@Override
		public void wipe(String service) {
			execute("DROP SCHEMA IF EXISTS " + schema(service) + " CASCADE");
		}

		@Override
		public synchronized void close() {
			this.schemas.forEach((schema) -> execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
		}

		private String schema(String service) {
			return (this.prefix + service).replace('-', '_').toLowerCase(Locale.ROOT);
		}

		private void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(this.url, this.user, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot run " + sql, ex);
			}
		}

	}

}
