package org.syndication.web.locks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class SchedulerLocksAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SchedulerLocksAutoConfiguration.class));

	@Test
	void aServiceWithADatabaseGetsLocksThatOneInstanceHoldsAtATime() {
		DataSource database = new DriverManagerDataSource("jdbc:h2:mem:locks;DB_CLOSE_DELAY=-1", "sa", "");
		new JdbcTemplate(database).execute("CREATE TABLE shedlock (name VARCHAR(64) NOT NULL PRIMARY KEY, "
				+ "lock_until TIMESTAMP(3) NOT NULL, locked_at TIMESTAMP(3) NOT NULL, locked_by VARCHAR(255) NOT NULL)");
		this.contexts.withBean(DataSource.class, () -> database).run((context) -> {
			LockProvider locks = context.getBean(LockProvider.class);
			assertThat(locks).isInstanceOf(KeepAliveLockProvider.class);
			LockConfiguration job = new LockConfiguration(Instant.now(), "job", Duration.ofSeconds(30), Duration.ZERO);
			Optional<SimpleLock> first = locks.lock(job);
			assertThat(first).isPresent();
			assertThat(locks.lock(job)).as("the same lock while it is held").isEmpty();
			first.get().unlock();
			assertThat(locks.lock(job)).as("the lock once released").isPresent();
		});
	}

	@Test
	void aLockFirstAskedForAsTheDatabaseWentIsTakenOnceItIsBack() {
		AtomicBoolean gone = new AtomicBoolean();
		DataSource database = losingConnections(
				new DriverManagerDataSource("jdbc:h2:mem:lost-locks;DB_CLOSE_DELAY=-1", "sa", ""), gone);
		new JdbcTemplate(database).execute("CREATE TABLE shedlock (name VARCHAR(64) NOT NULL PRIMARY KEY, "
				+ "lock_until TIMESTAMP(3) NOT NULL, locked_at TIMESTAMP(3) NOT NULL, locked_by VARCHAR(255) NOT NULL)");
		this.contexts.withBean(DataSource.class, () -> database).run((context) -> {
			LockProvider locks = context.getBean(LockProvider.class);
			LockConfiguration job = new LockConfiguration(Instant.now(), "job", Duration.ofSeconds(30), Duration.ZERO);
			// The connection goes as the lock's row is inserted, and its rollback fails
			// too: the provider is told the lock was not acquired.
			gone.set(true);
			assertThat(locks.lock(job)).isEmpty();
			gone.set(false);
			Optional<SimpleLock> lock = locks.lock(job);
			assertThat(lock).as("the lock, the database back").isPresent();
			assertThat(locks.lock(job)).as("the same lock while it is held").isEmpty();
			lock.get().unlock();
			assertThat(locks.lock(job)).as("the lock once released").isPresent();
		});
	}

	@Test
	void aServiceOfItsOwnOrWithoutADatabaseOrShedLockGetsNone() {
		LockProvider own = mock(LockProvider.class);
		this.contexts.withBean(DataSource.class, () -> mock(DataSource.class))
			.withBean(LockProvider.class, () -> own)
			.run((context) -> assertThat(context.getBean(LockProvider.class)).isSameAs(own));
		this.contexts.run((context) -> assertThat(context).doesNotHaveBean(LockProvider.class));
		this.contexts.withBean(DataSource.class, () -> mock(DataSource.class))
			.withClassLoader(new FilteredClassLoader(JdbcTemplateLockProvider.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LockProvider.class));
	}

	/**
	 * A database whose connections, while {@code gone}, fail every statement and every
	 * rollback, as connections to a database that went away do.
	 */
	private static DataSource losingConnections(DataSource database, AtomicBoolean gone) {
		return new DelegatingDataSource(database) {

			@Override
			public Connection getConnection() throws SQLException {
				Connection connection = super.getConnection();
				return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
						new Class<?>[] { Connection.class }, (proxy, method, arguments) -> {
							if (gone.get() && (method.getName().startsWith("prepare")
									|| method.getName().startsWith("create") || method.getName().equals("rollback")
									|| method.getName().equals("commit"))) {
								throw new SQLException("An I/O error occurred while sending to the backend", "08006");
							}
							try {
								return method.invoke(connection, arguments);
							}
							catch (InvocationTargetException ex) {
								throw ex.getCause();
							}
						});
			}

		};
	}

}
