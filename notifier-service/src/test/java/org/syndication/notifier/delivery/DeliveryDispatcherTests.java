package org.syndication.notifier.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a dispatch costs the database, on H2, whose query statistics count every statement
 * it runs, with its parameters as placeholders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryDispatcherTests {

	private static final int CLAIM_SIZE = 20;

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private GreenMail mailServer;

	private NotifierInstance notifier;

	@BeforeAll
	void start() {
		this.mailServer = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		this.mailServer.start();
		this.notifier = new NotifierInstance(
				Map.of("spring.datasource.url", "jdbc:h2:mem:dispatch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
						"notifier.claims.size", String.valueOf(CLAIM_SIZE)),
				this.mailServer.getSmtp().getPort());
	}

	@AfterAll
	void stop() {
		if (this.notifier != null) {
			this.notifier.close();
		}
		if (this.mailServer != null) {
			this.mailServer.stop();
		}
	}

	@BeforeEach
	void emptyQueueAndMailbox() throws Exception {
		for (String table : new String[] { "mail_delivery", "article_alert", "subscriber" }) {
			this.notifier.jdbc.sql("DELETE FROM " + table).update();
		}
		this.mailServer.purgeEmailFromAllMailboxes();
	}

	@Test
	void aDispatchThatClaimsLessThanAChunkLooksOnceMoreAndTakesNoFurtherClaim() {
		this.notifier.queueAlerts(5, NOW);

		Map<String, Long> statements = statementsOf(this.notifier.dispatcher::dispatch);

		assertThat(this.mailServer.getReceivedMessages()).hasSize(5);
		assertThat(executions(statements, DeliveryDispatcherTests::claimRead)).isEqualTo(1);
		assertThat(executions(statements, (sql) -> sql.contains("FOR UPDATE"))).isEqualTo(1);
		assertThat(executions(statements, DeliveryDispatcherTests::lookBeforeClaiming)).isEqualTo(1);
	}

	@Test
	void aDispatchClaimsAgainAfterAFullChunkAndStopsAfterThePartialOneThatEmptiesTheQueue() {
		this.notifier.queueAlerts(CLAIM_SIZE + 5, NOW);

		Map<String, Long> statements = statementsOf(this.notifier.dispatcher::dispatch);

		assertThat(this.mailServer.getReceivedMessages()).hasSize(CLAIM_SIZE + 5);
		assertThat(executions(statements, DeliveryDispatcherTests::claimRead)).isEqualTo(2);
		assertThat(executions(statements, (sql) -> sql.contains("FOR UPDATE"))).isEqualTo(2);
		assertThat(executions(statements, DeliveryDispatcherTests::lookBeforeClaiming)).isEqualTo(1);
	}

	/** The read with which each claim begins: the next due rows, without a lock. */
	private static boolean claimRead(String sql) {
		return sql.startsWith("SELECT id, next_attempt_at FROM mail_delivery");
	}

	/** The look at the queue that a dispatcher takes before it claims. */
	private static boolean lookBeforeClaiming(String sql) {
		return sql.startsWith("SELECT id FROM mail_delivery") && sql.contains("FETCH FIRST 1 ROWS ONLY");
	}

	/** The statements on the queue that the work ran, each with how often it ran. */
	private Map<String, Long> statementsOf(Runnable work) {
		this.notifier.jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES 1000").update();
		this.notifier.jdbc.sql("SET QUERY_STATISTICS TRUE").update();
		try {
			work.run();
			return this.notifier.jdbc
				.sql("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")
				.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
				.list()
				.stream()
				.filter((entry) -> entry.getKey().contains("mail_delivery"))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
		}
		finally {
			this.notifier.jdbc.sql("SET QUERY_STATISTICS FALSE").update();
		}
	}

	private static long executions(Map<String, Long> statements, Predicate<String> which) {
		return statements.entrySet()
			.stream()
			.filter((entry) -> which.test(entry.getKey()))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
