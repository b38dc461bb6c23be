package org.syndication.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.syndication.testsupport.TcpProxy;

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

	/**
	 * Writes a backup of the service's database to a file, while its instances run, as
	 * the operators' guide (docs/operations.md) does.
	 * @param service the service whose database it is
	 * @param file where the backup goes
	 */
	void backup(String service, Path file);

	/**
	 * Replaces the service's database with a backup; its instances must be stopped.
	 * @param service the service whose database it is
	 * @param file the backup
	 */
	void restore(String service, Path file);

	@Override
	void close();

	static Databases h2(Path directory) {
		return new H2Files(directory);
	}

	/**
	 * @param databases where the services keep their data
	 * @return the same databases, each service's reached through a proxy of its own
	 */
	static Proxied proxied(Databases databases) {
		return new Proxied(databases);
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

		/** H2's {@code SCRIPT TO}, through a connection of its own (mixed mode). */
		@Override
		public void backup(String service, Path file) {
			execute(service, "SCRIPT TO '" + file.toAbsolutePath() + "'");
		}

		/** A new database in place of the old one, filled by H2's {@code RUNSCRIPT}. */
		@Override
		public void restore(String service, Path file) {
			wipe(service);
			execute(service, "RUNSCRIPT FROM '" + file.toAbsolutePath() + "'");
		}

		@Override
		public void close() {
		}

		private void execute(String service, String sql) {
			try (Connection connection = DriverManager.getConnection(environment(service).get("SPRING_DATASOURCE_URL"),
					"sa", ""); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot run " + sql, ex);
			}
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

		/** {@code pg_dump -Fc} of the service's schema. */
		@Override
		public void backup(String service, Path file) {
			run(List.of("pg_dump", "-Fc", "-n", schema(service), "-f", file.toAbsolutePath().toString()));
		}

		/**
		 * The schema dropped, and {@code pg_restore} of the dump, which creates it again.
		 */
		@Override
		public void restore(String service, Path file) {
			wipe(service);
			run(List.of("pg_restore", "--no-owner", file.toAbsolutePath().toString()));
		}

		@Override
		public synchronized void close() {
			this.schemas.forEach((schema) -> execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
		}

		/** Runs a PostgreSQL client tool against the database of {@link #url}. */
		private void run(List<String> tool) {
			URI address = URI.create(this.url.substring("jdbc:".length()));
			List<String> command = new ArrayList<>(tool);
			command.addAll(List.of("-h", address.getHost(), "-p", String.valueOf(address.getPort()), "-U", this.user,
					"-d", address.getPath().substring(1)));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			if (!this.password.isEmpty()) {
				builder.environment().put("PGPASSWORD", this.password);
			}
			try {
				Process process = builder.start();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (process.waitFor() != 0) {
					throw new IllegalStateException(String.join(" ", tool) + " failed: " + output);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot run " + tool.get(0), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while running " + tool.get(0), ex);
			}
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

	/**
	 * Databases on a server reached through a TCP proxy per service, which a test cuts
	 * and restores to take one service's database away and give it back: a failover or a
	 * restart, as the service sees it. Wiping and dropping go to the server directly.
	 */
	final class Proxied implements Databases {

		private static final Pattern SERVER = Pattern.compile("^jdbc:postgresql://([^/:]+)(?::(\\d+))?/");

		private final Databases databases;

		private final Map<String, TcpProxy> proxies = new ConcurrentHashMap<>();

		Proxied(Databases databases) {
			this.databases = databases;
		}

		@Override
		public Map<String, String> environment(String service) {
			Map<String, String> environment = new LinkedHashMap<>(this.databases.environment(service));
			String url = environment.get("SPRING_DATASOURCE_URL");
			Matcher server = SERVER.matcher(url);
			if (!server.find()) {
				throw new IllegalArgumentException("Not a PostgreSQL server's address: " + url);
			}
			TcpProxy proxy = this.proxies.computeIfAbsent(service, (name) -> TcpProxy.to(server.group(1),
					(server.group(2) != null) ? Integer.parseInt(server.group(2)) : 5432));
			environment.put("SPRING_DATASOURCE_URL",
					"jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + url.substring(server.end()));
			return environment;
		}

		/**
		 * @param service one of the services
		 * @return the proxy to its database
		 */
		TcpProxy proxy(String service) {
			TcpProxy proxy = this.proxies.get(service);
			if (proxy == null) {
				throw new IllegalStateException("No database for " + service + " yet");
			}
			return proxy;
		}

		@Override
		public void wipe(String service) {
			this.databases.wipe(service);
		}

		@Override
		public void backup(String service, Path file) {
			this.databases.backup(service, file);
		}

		@Override
		public void restore(String service, Path file) {
			this.databases.restore(service, file);
		}

		@Override
		public void close() {
			this.proxies.values().forEach(TcpProxy::close);
			this.databases.close();
		}

	}

}
