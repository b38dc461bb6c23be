package org.syndication.publisher;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Locks in the service's own database, so that of several instances sharing it only
	 * one relays the outbox or publishes due articles at a time.
	 */
	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		JdbcTemplateLockProvider locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
		// A held lock is extended while its task runs, so locks can be short: when an
		// instance dies holding one, another takes over once its lockAtMostFor (30 s for
		// the long-running tasks) has passed, not after the longest run a task could
		// have.
		ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "lock-keep-alive");
			thread.setDaemon(true);
			return thread;
		});
		return new KeepAliveLockProvider(locks, keepAlive);
	}

}
