package org.syndication.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claimers at work at the same moment, on H2; {@link DeliveryClaimsPostgresTests} runs
 * the same on PostgreSQL. Each claimer runs in a transaction of its own that stays open
 * while the next one looks, so that its row locks are held as they are while a claim
 * transaction is in flight.
 */
@JdbcTest(properties = "notifier.claims.size=3")
@Import(DeliveryClaims.class)
@EnableConfigurationProperties(ClaimSettings.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DeliveryClaimsTests {

	// Long before anything that other test classes of a run on PostgreSQL leave in the
	// shared schema comes due: the claims see only the rows each test queues.
	private static final Instant NOW = Instant.parse("2001-01-01T10:00:00Z");

	private static final String CLAIMABLE = "status = 'PENDING' AND next_attempt_at <= :now "
			+ "AND (claim_expires_at IS NULL OR claim_expires_at < CURRENT_TIMESTAMP)";

	@Autowired
	private DeliveryClaims claims;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	private final List<Long> created = new ArrayList<>();

	@AfterEach
	void removeCreated() {
		if (!this.created.isEmpty()) {
			this.jdbc.sql("DELETE FROM mail_delivery WHERE id IN (:ids)").param("ids", this.created).update();
			this.created.clear();
		}
	}

	@Test
	void aChunkQueryThatSortsTheDueRowsLeavesTheOthersWhatTheDatabaseDidNotLockWhileItScanned() {
		List<Long> queued = queue(10, (i) -> NOW.minusSeconds(100 - i));
		String chunk = "SELECT id FROM mail_delivery WHERE " + CLAIMABLE
				+ " ORDER BY next_attempt_at, id FETCH FIRST 3 ROWS ONLY FOR UPDATE SKIP LOCKED";
		inTransaction(() -> {
			assertThat(ids(chunk)).isEqualTo(queued.subList(0, 3));
			List<Long> second = inTransaction(() -> ids(chunk));
			List<Long> lockable = inTransaction(this::lockableCreated);
			List<Long> left = leftUnlockedBySortedChunkOfThree(queued);
			assertThat(lockable).containsExactlyInAnyOrderElementsOf(left);
			assertThat(second).isEqualTo(left.subList(0, Math.min(3, left.size())));
			return null;
		});
	}

	/**
	 * The rows that a claimer whose query sorts the due rows and takes the first three
	 * ({@code ORDER BY … FETCH FIRST 3 ROWS ONLY FOR UPDATE SKIP LOCKED}, as the claim
	 * was once taken) leaves unlocked for others until its transaction ends. H2 locks
	 * every row that meets the WHERE clause as its scan reads it, before it sorts them
	 * and cuts the result to the chunk: the claimer holds the whole due queue, and a
	 * claimer beside it finds nothing at all, not even the rows after the chunk.
	 */
	List<Long> leftUnlockedBySortedChunkOfThree(List<Long> queued) {
		return List.of();
	}

	@Test
	void aSkipLockedQueryForGivenRowsLocksOnlyThoseOfThemNoOtherTransactionHolds() {
		List<Long> queued = queue(10, (i) -> NOW.minusSeconds(100 - i));
		String given = "SELECT id FROM mail_delivery WHERE id IN (:ids) AND " + CLAIMABLE
				+ " ORDER BY id FOR UPDATE SKIP LOCKED";
		inTransaction(() -> {
			assertThat(ids(given, queued.subList(0, 3))).isEqualTo(queued.subList(0, 3));
			assertThat(inTransaction(() -> {
				List<Long> second = ids(given, queued.subList(0, 6));
				assertThat(inTransaction(this::lockableCreated)).isEqualTo(queued.subList(6, 10));
				return second;
			})).isEqualTo(queued.subList(3, 6));
			return null;
		});
	}

	@Test
	void whileClaimsAreInFlightTheNextClaimerTakesTheNextDueRowsAndLocksNoOthers() {
		// One time for all of them, as when an article's alerts are queued.
		List<Long> queued = queue(10, (i) -> NOW.minusSeconds(60));
		List<List<Long>> taken = new ArrayList<>();
		inTransaction(() -> {
			taken.add(this.claims.claim(NOW).deliveries());
			return inTransaction(() -> {
				taken.add(this.claims.claim(NOW).deliveries());
				return inTransaction(() -> {
					taken.add(this.claims.claim(NOW).deliveries());
					assertThat(inTransaction(this::lockableCreated)).containsExactly(queued.get(9));
					return null;
				});
			});
		});
		assertThat(taken).containsExactly(queued.subList(0, 3), queued.subList(3, 6), queued.subList(6, 9));
		assertThat(this.jdbc.sql("SELECT COUNT(DISTINCT claim_id) FROM mail_delivery WHERE id IN (:ids)")
			.param("ids", queued)
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThat(this.claims.claim(NOW).deliveries()).containsExactly(queued.get(9));
	}

	@Test
	void aClaimerFindsNothingOnlyWhenEveryDueRowIsHeldByAnotherClaimInFlight() {
		List<Long> queued = queue(4, (i) -> NOW.minusSeconds(60));
		inTransaction(() -> {
			assertThat(this.claims.claim(NOW).deliveries()).isEqualTo(queued.subList(0, 3));
			inTransaction(() -> {
				assertThat(this.claims.claim(NOW).deliveries()).containsExactly(queued.get(3));
				assertThat(inTransaction(() -> this.claims.claim(NOW))).matches(Claim::isEmpty);
				return null;
			});
			return null;
		});
		assertThat(this.claims.claim(NOW)).matches(Claim::isEmpty);
	}

	@Test
	void aClaimTakesTheDueRowsNoLiveClaimHoldsInDueOrder() {
		// Queued in the reverse of due order; the first is not due yet.
		List<Long> queued = queue(6, (i) -> NOW.plusSeconds(10 - 10 * i));
		Claim live = this.claims.claim(NOW.minusSeconds(20));
		assertThat(live.deliveries()).containsExactly(queued.get(5), queued.get(4), queued.get(3));
		assertThat(this.claims.claim(NOW).deliveries()).containsExactly(queued.get(2), queued.get(1));
		assertThat(this.claims.claim(NOW)).matches(Claim::isEmpty);

		this.jdbc.sql("UPDATE mail_delivery SET claim_expires_at = :lapsed WHERE claim_id = :claim")
			.param("lapsed", NOW.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC))
			.param("claim", live.id())
			.update();
		assertThat(this.claims.claim(NOW).deliveries()).containsExactly(queued.get(5), queued.get(4), queued.get(3));
		assertThat(this.claims.renew(live)).isFalse();
	}

	/**
	 * Queues due alerts, the i-th due at the given time.
	 * @return their ids, in the order queued
	 */
	private List<Long> queue(int count, IntFunction<Instant> dueAt) {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID subscriber = UUID.randomUUID();
			this.jdbc.sql("""
					INSERT INTO mail_delivery (kind, article_id, subscriber_id, status, attempts, next_attempt_at,
					created_at) VALUES ('ALERT', :article, :subscriber, 'PENDING', 0, :due, :now)""")
				.param("article", UUID.randomUUID())
				.param("subscriber", subscriber)
				.param("due", dueAt.apply(i).atOffset(ZoneOffset.UTC))
				.param("now", NOW.atOffset(ZoneOffset.UTC))
				.update();
			ids.add(this.jdbc.sql("SELECT id FROM mail_delivery WHERE subscriber_id = :subscriber")
				.param("subscriber", subscriber)
				.query(Long.class)
				.single());
		}
		this.created.addAll(ids);
		return ids;
	}

	/** The rows this test queued that no other transaction holds, locked by this one. */
	private List<Long> lockableCreated() {
		return ids("SELECT id FROM mail_delivery WHERE id IN (:ids) ORDER BY id FOR UPDATE SKIP LOCKED", this.created);
	}

	private List<Long> ids(String sql) {
		return this.jdbc.sql(sql).param("now", NOW.atOffset(ZoneOffset.UTC)).query(Long.class).list();
	}

	private List<Long> ids(String sql, List<Long> ids) {
		return this.jdbc.sql(sql).param("now", NOW.atOffset(ZoneOffset.UTC)).param("ids", ids).query(Long.class).list();
	}

	/**
	 * Runs the work in a new transaction, on a connection of its own, while the
	 * transaction of the caller stays open.
	 */
	private <T> T inTransaction(Supplier<T> work) {
		TransactionTemplate template = new TransactionTemplate(this.transactionManager);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return template.execute((status) -> work.get());
	}

}
