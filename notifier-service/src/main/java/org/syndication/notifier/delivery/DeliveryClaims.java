package org.syndication.notifier.delivery;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
	 * @return the claim, empty if nothing was left to claim
	 */
	Claim claim(Instant now) {
		long takenAt = System.nanoTime();
		UUID id = UUID.randomUUID();
		List<Long> deliveries = this.transactions.execute((status) -> {
			List<Long> due = this.jdbc
				.sql("SELECT id FROM mail_delivery WHERE " + CLAIMABLE
						+ " ORDER BY next_attempt_at, id FETCH FIRST :limit ROWS ONLY FOR UPDATE SKIP LOCKED")
				.param("now", now.atOffset(ZoneOffset.UTC))
				.param("limit", this.settings.size())
				.query(Long.class)
				.list();
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

}
