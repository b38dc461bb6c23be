package org.syndication.notifier.delivery;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims on the queue, so that any number of instances send from it without a lock
 * between them: each claims a chunk of due deliveries, skipping rows another claimer has
 * locked, for a lease kept in each row. Leases are counted in the database's time alone,
 * so the instances' clocks need not agree.
 */
@Repository
class DeliveryClaims {

	private static final String CLAIMABLE = "status = 'PENDING' AND next_attempt_at <= :now "
			+ "AND (claim_expires_at IS NULL OR claim_expires_at < CURRENT_TIMESTAMP)";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ClaimSettings settings;

	private final String instance;

	private final String leaseEnd;

	DeliveryClaims(JdbcClient jdbc, PlatformTransactionManager transactions, ClaimSettings settings) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.settings = settings;
		// Which process holds a claim, for whoever looks at the table; two instances in
		// one process (as in a benchmark) differ by the random part.
		String process = ManagementFactory.getRuntimeMXBean().getName();
		this.instance = (process.length() > 80 ? process.substring(0, 80) : process) + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
		// A number from the settings, not from outside: written into the statement, as
		// the two databases type a parameter multiplied by an interval differently.
		this.leaseEnd = "CURRENT_TIMESTAMP + " + settings.lease().toMillis() + " * INTERVAL '0.001' SECOND";
	}

	/**
	 * Whether a delivery is due that no live claim holds: one read, no lock and no write,
	 * so that an idle queue costs next to nothing.
	 */
	boolean anyDue(Instant now) {
		return this.jdbc.sql("SELECT id FROM mail_delivery WHERE " + CLAIMABLE + " FETCH FIRST 1 ROWS ONLY")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.optional()
			.isPresent();
	}

	/**
	 * Claims the next chunk of due deliveries, in due order, leaving out those that
	 * another claim holds or that another claimer is taking at this moment.
	 * @param now the time, by which a delivery is due
	 * @return the claim, empty only if nothing was left to claim but rows that other
	 * claimers were taking at that moment
	 */
	Claim claim(Instant now) {
		long takenAt = System.nanoTime();
		UUID id = UUID.randomUUID();
		List<Long> deliveries = this.transactions.execute((status) -> {
			List<Long> due = lockNextDue(now);
			if (due.isEmpty()) {
				return due;
			}
			// Checked again under the row locks this transaction holds now: a row that
			// another claim took after the read above began stays with that claim.
			int claimed = this.jdbc
				.sql("UPDATE mail_delivery SET claim_id = :claim, claimed_by = :instance, claim_expires_at = "
						+ this.leaseEnd + " WHERE id IN (:ids) AND status = 'PENDING' "
						+ "AND (claim_expires_at IS NULL OR claim_expires_at < CURRENT_TIMESTAMP)")
				.param("claim", id)
				.param("instance", this.instance)
				.param("ids", due)
				.update();
			if (claimed == due.size()) {
				return due;
			}
			return this.jdbc
				.sql("SELECT id FROM mail_delivery WHERE id IN (:ids) AND claim_id = :claim "
						+ "ORDER BY next_attempt_at, id")
				.param("ids", due)
				.param("claim", id)
				.query(Long.class)
				.list();
		});
		return new Claim(id, deliveries, takenAt);
	}

	/**
	 * Locks the first claimable rows, in due order, that no other transaction holds, up
	 * to a chunk of them, and no other row. The due rows are read without a lock and then
	 * locked by their ids, skipping those another claimer holds; rows after them are read
	 * and locked in the same way until the chunk is full or none are left. A single query
	 * that sorts the due rows and locks the first of them would do on PostgreSQL, which
	 * locks only the rows it returns, but H2 locks every row that meets the condition
	 * while it scans, before it sorts them and cuts to the chunk: each claim would hold
	 * the whole due queue until it commits, and a claimer beside it would find nothing.
	 */
	private List<Long> lockNextDue(Instant now) {
		int size = this.settings.size();
		List<Long> locked = new ArrayList<>(size);
		Due last = null;
		while (locked.size() < size) {
			int wanted = size - locked.size();
			List<Due> candidates = nextDue(now, last, wanted);
			if (candidates.isEmpty()) {
				break;
			}
			List<Long> ids = candidates.stream().map(Due::id).toList();
			Set<Long> free = new HashSet<>(this.jdbc
				.sql("SELECT id FROM mail_delivery WHERE id IN (:ids) AND " + CLAIMABLE + " FOR UPDATE SKIP LOCKED")
				.param("ids", ids)
				.param("now", now.atOffset(ZoneOffset.UTC))
				.query(Long.class)
				.list());
			for (Long id : ids) {
				if (free.contains(id)) {
					locked.add(id);
				}
			}
			if (candidates.size() < wanted) {
				// No due row was left after these.
				break;
			}
			last = candidates.get(candidates.size() - 1);
		}
		return locked;
	}

	/** The next claimable rows in due order, after the given one if any, unlocked. */
	private List<Due> nextDue(Instant now, Due after, int limit) {
		String sql = "SELECT id, next_attempt_at FROM mail_delivery WHERE " + CLAIMABLE
				+ ((after != null) ? " AND (next_attempt_at > :at OR (next_attempt_at = :at AND id > :id))" : "")
				+ " ORDER BY next_attempt_at, id FETCH FIRST :limit ROWS ONLY";
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("limit", limit);
		if (after != null) {
			statement = statement.param("at", after.dueAt()).param("id", after.id());
		}
		return statement.query((rs, row) -> new Due(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
	}

	/**
	 * Extends the lease of every row of the claim, sent or not.
	 * @return whether the claim still held all of them: if another instance took any
	 * over, this one no longer holds the claim
	 */
	boolean renew(Claim claim) {
		int renewed = this.jdbc
			.sql("UPDATE mail_delivery SET claim_expires_at = " + this.leaseEnd
					+ " WHERE id IN (:ids) AND claim_id = :claim")
			.param("ids", claim.deliveries())
			.param("claim", claim.id())
			.update();
		return renewed == claim.size();
	}

	/**
	 * Gives back the rows of the claim that are still to send, such as those left when
	 * sending stopped early or those waiting for another attempt, to the next claim.
	 */
	void release(Claim claim) {
		if (claim.isEmpty()) {
			return;
		}
		this.jdbc
			.sql("UPDATE mail_delivery SET claim_id = NULL, claimed_by = NULL, claim_expires_at = NULL "
					+ "WHERE id IN (:ids) AND claim_id = :claim AND status = 'PENDING'")
			.param("ids", claim.deliveries())
			.param("claim", claim.id())
			.update();
	}

	/** This instance, as {@code claimed_by} names it. */
	String instance() {
		return this.instance;
	}

	/** A due row as the claim reads it, by which the next ones are found. */
	private record Due(long id, OffsetDateTime dueAt) {

	}

}
