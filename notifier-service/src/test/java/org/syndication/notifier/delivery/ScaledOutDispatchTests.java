package org.syndication.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two notifier instances on one H2 database, each with its own dispatcher, claims and
 * SMTP connections, sending to one SMTP server (GreenMail);
 * {@link ScaledOutDispatchPostgresTests} runs the same on PostgreSQL. Each test drives
 * the dispatchers itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaledOutDispatchTests {

	private static final int CLAIM_SIZE = 20;

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private GreenMail mailServer;

	private NotifierInstance first;

	private NotifierInstance second;

	/** The database both instances use: properties for each of them. */
	Map<String, String> database() {
		// Row locks wait up to 10 s, as long as a renewal may be held up in these tests.
		return Map.of("spring.datasource.url",
				"jdbc:h2:mem:scaled-out-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
	}

	@BeforeAll
	void startTwoInstances() {
		this.mailServer = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		this.mailServer.start();
		Map<String, String> settings = new LinkedHashMap<>(database());
		settings.put("notifier.claims.size", String.valueOf(CLAIM_SIZE));
		settings.put("notifier.claims.lease", LEASE.toMillis() + "ms");
		// Each instance sends at most 100 mails a second, so one alone would take 4 s
		// over
		// the 400 of the shared queue: long enough for the other to join however the
		// threads are scheduled on a busy machine.
		settings.put("notifier.mail.messages-per-second", "100");
		this.first = new NotifierInstance(settings, this.mailServer.getSmtp().getPort());
		this.second = new NotifierInstance(settings, this.mailServer.getSmtp().getPort());
	}

	@AfterAll
	void stop() {
		for (NotifierInstance instance : Arrays.asList(this.first, this.second)) {
			if (instance != null) {
				instance.close();
			}
		}
		if (this.mailServer != null) {
			this.mailServer.stop();
		}
	}

	@BeforeEach
	void emptyQueueAndMailbox() throws Exception {
		JdbcClient jdbc = this.first.jdbc;
		for (String table : List.of("mail_delivery", "article_alert", "subscriber")) {
			jdbc.sql("DELETE FROM " + table).update();
		}
		this.mailServer.purgeEmailFromAllMailboxes();
	}

	@Test
	void twoDispatchersOnOneDatabaseDrainOneQueueTogetherAndSendEveryMailOnce() throws Exception {
		int count = 400;
		UUID article = queueAlerts(count);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (NotifierInstance instance : List.of(this.first, this.second)) {
				running.add(threads.submit(() -> {
					start.await();
					instance.dispatcher.dispatch();
					return null;
				}));
			}
			start.countDown();
			for (Future<?> dispatch : running) {
				dispatch.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(statuses(article)).isEqualTo(Map.of("SENT", (long) count));
		assertThat(recipientsOnce(count)).hasSize(count);
		Map<String, Long> sentBy = sentBy();
		assertThat(sentBy.keySet()).containsExactlyInAnyOrder(this.first.name(), this.second.name());
		assertThat(sentBy.values()).allSatisfy((sent) -> assertThat(sent).isGreaterThanOrEqualTo(CLAIM_SIZE));
	}

	@Test
	void aClaimWhoseInstanceDiedIsTakenOverOnceItsLeaseRunsOut() throws Exception {
		UUID article = queueAlerts(CLAIM_SIZE);
		// The first instance claims the queue and dies: it never renews nor sends.
		Claim orphan = this.first.claims.claim(Instant.now());
		long claimed = System.nanoTime();
		assertThat(orphan.size()).isEqualTo(CLAIM_SIZE);

		assertThat(this.second.dispatcher.anyDue()).isFalse();
		this.second.dispatcher.dispatch();
		assertThat(this.mailServer.getReceivedMessages()).isEmpty();

		await().atMost(LEASE.plusSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			this.second.dispatcher.dispatch();
			return statuses(article).equals(Map.of("SENT", (long) CLAIM_SIZE));
		});
		assertThat(Duration.ofNanos(System.nanoTime() - claimed)).isGreaterThanOrEqualTo(LEASE.minusMillis(500));
		assertThat(recipientsOnce(CLAIM_SIZE)).hasSize(CLAIM_SIZE);
		assertThat(sentBy()).isEqualTo(Map.of(this.second.name(), (long) CLAIM_SIZE));
	}

	@Test
	void aDispatcherWhoseLeaseLapsedStartsNoFurtherMailOfThatClaimAndGivesTheRestBack() throws Exception {
		UUID article = queueAlerts(CLAIM_SIZE);
		ClaimLeases.Lease lease = this.first.leases.claimNext();
		Claim claim = lease.claim();
		assertThat(claim.size()).isEqualTo(CLAIM_SIZE);
		// Another transaction holds the claim's rows: the renewals (and the records of
		// the mails sent) wait for it, as they would for a database out of reach.
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch unlock = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> holder = threads.submit(() -> this.first.transactions.executeWithoutResult((status) -> {
				this.first.jdbc.sql("SELECT id FROM mail_delivery WHERE id IN (:ids) FOR UPDATE")
					.param("ids", claim.deliveries())
					.query(Long.class)
					.list();
				locked.countDown();
				try {
					unlock.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
			Future<?> sending = threads.submit(() -> this.first.dispatcher.send(claim, lease));
			await().atMost(LEASE.plusSeconds(5)).until(() -> !lease.held());
			unlock.countDown();
			holder.get(10, TimeUnit.SECONDS);
			sending.get(30, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
			lease.close();
		}

		// Each SMTP connection (4) had started one mail before the lease lapsed; none
		// started after it.
		int sent = this.mailServer.getReceivedMessages().length;
		assertThat(sent).isBetween(1, 4);
		assertThat(statuses(article)).isEqualTo(Map.of("SENT", (long) sent, "PENDING", (long) (CLAIM_SIZE - sent)));
		assertThat(this.first.jdbc
			.sql("SELECT COUNT(*) FROM mail_delivery WHERE status = 'PENDING' AND attempts = 0 "
					+ "AND claim_id IS NULL AND claim_expires_at IS NULL")
			.query(Long.class)
			.single()).isEqualTo(CLAIM_SIZE - sent);

		this.second.dispatcher.dispatch();
		assertThat(statuses(article)).isEqualTo(Map.of("SENT", (long) CLAIM_SIZE));
		assertThat(recipientsOnce(CLAIM_SIZE)).hasSize(CLAIM_SIZE);
	}

	@Test
	void claimersRacingForOneQueueNeverGetTheSameRow() throws Exception {
		int count = 1000;
		queueAlerts(count);
		Set<Long> claimed = ConcurrentHashMap.newKeySet();
		List<Long> twice = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> claimers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				NotifierInstance instance = (i % 2 == 0) ? this.first : this.second;
				claimers.add(threads.submit(() -> {
					start.await();
					int claims = 0;
					Claim claim;
					while (!(claim = instance.claims.claim(Instant.now())).isEmpty()) {
						claims++;
						for (long id : claim.deliveries()) {
							if (!claimed.add(id)) {
								synchronized (twice) {
									twice.add(id);
								}
							}
						}
						// Sent, as a dispatcher would record it: never due again,
						// whatever
						// the lease.
						instance.jdbc.sql("UPDATE mail_delivery SET status = 'SENT' WHERE claim_id = :claim")
							.param("claim", claim.id())
							.update();
					}
					return claims;
				}));
			}
			start.countDown();
			int claims = 0;
			for (Future<Integer> claimer : claimers) {
				claims += claimer.get(60, TimeUnit.SECONDS);
			}
			assertThat(claims).isGreaterThanOrEqualTo(count / CLAIM_SIZE);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(twice).isEmpty();
		assertThat(claimed).hasSize(count);
	}

	/** Confirmed subscribers who take every alert, and one article's alerts to them. */
	private UUID queueAlerts(int subscribers) {
		return this.first.queueAlerts(subscribers, NOW);
	}

	private Map<String, Long> statuses(UUID article) {
		Map<String, Long> statuses = new LinkedHashMap<>();
		this.first.jdbc.sql("SELECT status, COUNT(*) FROM mail_delivery WHERE article_id = :article GROUP BY status")
			.param("article", article)
			.query((rs, row) -> statuses.put(rs.getString(1), rs.getLong(2)))
			.list();
		return statuses;
	}

	/** Which instance sent how many mails. */
	private Map<String, Long> sentBy() {
		Map<String, Long> sent = new LinkedHashMap<>();
		this.first.jdbc.sql("SELECT claimed_by, COUNT(*) FROM mail_delivery WHERE status = 'SENT' GROUP BY claimed_by")
			.query((rs, row) -> sent.put(rs.getString(1), rs.getLong(2)))
			.list();
		return sent;
	}

	/**
	 * The recipients of the mails the server received, checking that none received two.
	 */
	private Set<String> recipientsOnce(int expected) throws Exception {
		MimeMessage[] received = this.mailServer.getReceivedMessages();
		List<String> recipients = new ArrayList<>();
		for (MimeMessage message : received) {
			recipients.add(message.getAllRecipients()[0].toString());
		}
		assertThat(recipients).doesNotHaveDuplicates().hasSize(expected);
		return Set.copyOf(recipients);
	}

}
