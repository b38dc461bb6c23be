package org.syndication.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Takes claims on the queue and keeps their leases while their mails are sent: renews
 * each on a thread of its own, so that a slow SMTP server cannot hold up the renewal, and
 * tells the sender whether it may still start a mail. The answer comes from a local
 * deadline on the monotonic clock, a quarter of the lease shorter than the lease in the
 * database and counted from before each claim or renewal was written: once it has passed
 * the claim may be another instance's, and no further mail of it is started.
 */
@Component
class ClaimLeases {

	private static final Logger logger = LoggerFactory.getLogger(ClaimLeases.class);

	private final DeliveryClaims claims;

	private final Clock clock;

	private final int size;

	private final long leaseNanos;

	private final long usableNanos;

	private final ScheduledExecutorService renewals;

	ClaimLeases(DeliveryClaims claims, Clock clock, ClaimSettings settings) {
		this.claims = claims;
		this.clock = clock;
		this.size = settings.size();
		this.leaseNanos = settings.lease().toNanos();
		this.usableNanos = this.leaseNanos - this.leaseNanos / 4;
		this.renewals = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "claim-leases");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Whether a delivery is due that no live claim holds; see {@link DeliveryClaims}. */
	boolean anyDue() {
		return this.claims.anyDue(Instant.now(this.clock));
	}

	/**
	 * Claims the next chunk of due deliveries and keeps its lease until it is closed.
	 * @return the lease of the claim, whose claim is empty if nothing was due
	 */
	Lease claimNext() {
		Claim claim = this.claims.claim(Instant.now(this.clock));
		if (claim.isEmpty()) {
			return new Lease(claim, claim.takenAtNanos());
		}
		Lease lease = new Lease(claim, claim.takenAtNanos() + this.usableNanos);
		long every = this.leaseNanos / 4;
		lease.renewal = this.renewals.scheduleWithFixedDelay(lease::renew, every, every, TimeUnit.NANOSECONDS);
		return lease;
	}

	/** How many deliveries a full claim holds. */
	int size() {
		return this.size;
	}

	@PreDestroy
	void stop() {
		this.renewals.shutdownNow();
	}

	/** The lease of one claim while its mails are sent. */
	final class Lease implements AutoCloseable {

		private final Claim claim;

		private volatile long deadline;

		private volatile boolean lost;

		private volatile ScheduledFuture<?> renewal;

		private volatile boolean closed;

		private Lease(Claim claim, long deadline) {
			this.claim = claim;
			this.deadline = deadline;
		}

		Claim claim() {
			return this.claim;
		}

		/** Whether the claim is surely still this instance's, so a mail may start. */
		boolean held() {
			return !this.lost && System.nanoTime() - this.deadline < 0;
		}

		private void renew() {
			if (!held()) {
				// Too late: another instance may have the claim by now.
				stopRenewing();
				return;
			}
			long start = System.nanoTime();
			try {
				boolean renewed = ClaimLeases.this.claims.renew(this.claim);
				if (this.closed) {
					// Released meanwhile: its rows left to send are no longer claimed.
					return;
				}
				if (renewed && held()) {
					this.deadline = start + ClaimLeases.this.usableNanos;
					return;
				}
				if (renewed) {
					// Renewed in the database, but only after the deadline had passed
					// here:
					// sending has stopped, and the claim stays lapsed.
					logger.warn(
							"The lease of claim {} was renewed too late; its mails not sent yet go back to the queue",
							this.claim.id());
					this.lost = true;
					stopRenewing();
					return;
				}
				logger.warn("Claim {} was taken over by another instance; its mails not sent yet are left to it",
						this.claim.id());
			}
			catch (RuntimeException ex) {
				// Not renewed: the deadline stays, and the next renewal may succeed.
				logger.warn("Could not renew the lease of claim {}: {}", this.claim.id(), ex.toString());
				return;
			}
			this.lost = true;
			stopRenewing();
		}

		private void stopRenewing() {
			ScheduledFuture<?> renewal = this.renewal;
			if (renewal != null) {
				renewal.cancel(false);
			}
		}

		/**
		 * Stops renewing the lease and gives back the rows of the claim still to send.
		 */
		@Override
		public void close() {
			this.closed = true;
			stopRenewing();
			ClaimLeases.this.claims.release(this.claim);
		}

	}

}
