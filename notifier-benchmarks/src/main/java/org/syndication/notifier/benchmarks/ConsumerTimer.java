package org.syndication.notifier.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.syndication.events.ArticleEventHeaders;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.notifier.benchmarks.ConsumerWorkload.Expected;
import org.syndication.testsupport.ArticlesTopic;
import org.syndication.testsupport.TopicProgress;

/**
 * Times the notifier's consumer in the consumer benchmark: from starting its binding
 * until its group's committed offsets reach the end of every partition and its tables
 * hold exactly the articles the events call for, and on until every publication's alerts
 * are queued.
 */
final class ConsumerTimer {

	private static final String TOPIC = ArticleEventHeaders.TOPIC;

	private static final String GROUP = "notifier-service";

	private ConsumerTimer() {
	}

	/**
	 * Starts the notifier's binding and waits until its offsets are committed to the end
	 * and its tables hold the articles {@code expected} says, then until the alerts are
	 * queued.
	 */
	static Timings time(KafkaBrokerProcess broker, RunningNotifier notifier, Expected expected) throws Exception {
		try (Admin admin = Admin.create(broker.clientConfig(KafkaCredentials.ADMIN))) {
			Map<TopicPartition, Long> ends = TopicProgress.endOffsets(admin, TOPIC, ArticlesTopic.PARTITIONS);
			long deadline = System.nanoTime() + Duration.ofSeconds(300 + expected.events() / 5).toNanos();
			long lastReport = System.nanoTime();
			long caughtUp = 0;
			double applied = 0;
			long start = System.nanoTime();
			notifier.startConsuming();
			while (true) {
				long behind = TopicProgress.behind(admin, GROUP, ends);
				if (applied == 0 && behind == 0 && applied(notifier, expected)) {
					applied = (System.nanoTime() - start) / 1e9;
				}
				// Counting the alerts reads the whole queue: only once no fan-out is
				// left.
				if (applied != 0 && fanouts(notifier) == 0 && queued(notifier, expected)) {
					return new Timings(applied, (System.nanoTime() - start) / 1e9);
				}
				// The binding commits only what it has applied: once at the end, the
				// articles must be right at once.
				if (behind == 0 && caughtUp == 0) {
					caughtUp = System.nanoTime();
				}
				if (System.nanoTime() > deadline || (applied == 0 && caughtUp != 0
						&& System.nanoTime() - caughtUp > Duration.ofSeconds(5).toNanos())) {
					throw new IllegalStateException("After " + (System.nanoTime() - start) / 1_000_000_000
							+ " s the notifier is " + behind + " records behind, or its tables are wrong: "
							+ tables(notifier) + "; expected " + expected);
				}
				if (System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos()) {
					System.err.printf("    %,d records to go%n", behind);
					lastReport = System.nanoTime();
				}
				Thread.sleep((applied != 0) ? 50 : (behind == 0) ? 5 : 20);
			}
		}
	}

	/** Whether the tables hold exactly the articles the events call for. */
	private static boolean applied(RunningNotifier notifier, Expected expected) {
		Map<String, Long> tables = tables(notifier);
		return tables.get("articles") == expected.articles() && tables.get("retracted") == expected.retractions();
	}

	/**
	 * Whether every publication's alerts are queued: exactly the expected alerts of the
	 * articles not retracted, pending; of the retracted ones at most those the
	 * publication queued (none, when the retraction came before the fan-out), and none
	 * pending but those a chunk queued as the retraction was applied, which the
	 * dispatcher cancels at sending.
	 */
	private static boolean queued(RunningNotifier notifier, Expected expected) {
		Map<String, Long> tables = tables(notifier);
		return tables.get("fanouts") == 0 && tables.get("live PENDING") == expected.pendingAlerts()
				&& tables.get("live CANCELLED") == 0
				&& tables.get("retracted PENDING") + tables.get("retracted CANCELLED") <= expected.cancelledAlerts();
	}

	private static long fanouts(RunningNotifier notifier) {
		return notifier.jdbc().queryForObject("SELECT COUNT(*) FROM alert_fanout", Long.class);
	}

	private static Map<String, Long> tables(RunningNotifier notifier) {
		Map<String, Long> tables = new HashMap<>();
		tables.put("articles", notifier.jdbc().queryForObject("SELECT COUNT(*) FROM article_alert", Long.class));
		tables.put("retracted", notifier.jdbc()
			.queryForObject("SELECT COUNT(*) FROM article_alert WHERE retracted = TRUE", Long.class));
		tables.put("fanouts", fanouts(notifier));
		for (String state : List.of("live", "retracted")) {
			tables.put(state + " PENDING", 0L);
			tables.put(state + " CANCELLED", 0L);
		}
		notifier.jdbc()
			.query("SELECT a.retracted, d.status, COUNT(*) FROM mail_delivery d "
					+ "JOIN article_alert a ON a.article_id = d.article_id WHERE d.kind = 'ALERT' "
					+ "GROUP BY a.retracted, d.status", (row) -> {
						tables.put((row.getBoolean(1) ? "retracted " : "live ") + row.getString(2), row.getLong(3));
					});
		return tables;
	}

	/**
	 * @param applied seconds from starting the binding to every event applied and
	 * committed
	 * @param queued seconds from starting the binding to every publication's alerts
	 * queued
	 */
	record Timings(double applied, double queued) {

	}

}
