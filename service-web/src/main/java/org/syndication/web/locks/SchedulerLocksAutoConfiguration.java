package org.syndication.web.locks;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Locks for scheduled jobs in the service's own database (the {@code shedlock} table its
 * migrations create), so that of several instances sharing it only one runs a job at a
 * time. For a service that uses ShedLock's JDBC provider.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ JdbcTemplateLockProvider.class, JdbcTemplate.class })
@ConditionalOnBean(DataSource.class)
public final class SchedulerLocksAutoConfiguration {

	/**
	 * A held lock is extended while its job runs, so locks can be short: when an instance
	 * dies holding one, another takes over once its {@code lockAtMostFor} has passed, not
	 * after the longest run a job could have.
	 * @param dataSource the service's database
	 * @return the lock provider
	 */
	@Bean
	@ConditionalOnMissingBean
	LockProvider lockProvider(DataSource dataSource) {
		JdbcTemplateLockProvider locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
		ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "lock-keep-alive");
			thread.setDaemon(true);
			return thread;
		});
		return new KeepAliveLockProvider(new RowsRechecked(locks), keepAlive);
	}

	/**
	 * ShedLock's JDBC provider remembers which locks have a row, so as to update a row
	 * rather than insert one, and it also remembers a lock whose first insert failed
	 * because the connection went (the rollback failing too), as if the row were there:
	 * until a restart the lock is then only updated, there is no row to update, and its
	 * job never runs again (ShedLock issue 1254). A lock not acquired is therefore asked
	 * for once more with the remembered rows forgotten, which inserts a row that is
	 * missing; a lock another instance holds costs two more statements.
	 */
	static final class RowsRechecked implements ExtensibleLockProvider {

		private final JdbcTemplateLockProvider locks;

		RowsRechecked(JdbcTemplateLockProvider locks) {
			this.locks = locks;
		}

		@Override
		public Optional<SimpleLock> lock(LockConfiguration lockConfiguration) {
			Optional<SimpleLock> lock = this.locks.lock(lockConfiguration);
			if (lock.isPresent()) {
				return lock;
			}
			this.locks.clearCache();
			return this.locks.lock(lockConfiguration);
		}

	}

}
