package org.syndication.notifier.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.syndication.notifier.mail.OutgoingMail;
import org.syndication.notifier.mail.SmtpMailer;

import org.springframework.stereotype.Component;

/**
 * Sends what the queue holds, a claimed chunk at a time, so that every instance of the
 * notifier sends a share of it. Each mail is recorded as sent the moment the SMTP server
 * accepts it, which keeps the window in which a crash could send it twice to the mails in
 * flight at that moment: the rows of a claim whose instance died are taken over when
 * their lease runs out, and only those in flight were sent without being recorded. No
 * mail of a claim is started once this instance can no longer be sure it holds the claim;
 * what is left goes back to the queue.
 */
@Component
class DeliveryDispatcher {

	private final ClaimLeases claims;

	private final DeliveryRepository repository;

	private final OutgoingMails mails;

	private final SmtpMailer mailer;

	private final DeliveryOutcomes outcomes;

	DeliveryDispatcher(ClaimLeases claims, DeliveryRepository repository, OutgoingMails mails, SmtpMailer mailer,
			DeliveryOutcomes outcomes) {
		this.claims = claims;
		this.repository = repository;
		this.mails = mails;
		this.mailer = mailer;
		this.outcomes = outcomes;
	}

	/**
	 * Whether a mail is due that no other instance is sending, asked before anything is
	 * claimed: an empty queue costs one read per poll, and neither a write nor a commit
	 * in the database.
	 */
	boolean anyDue() {
		return this.claims.anyDue();
	}

	/**
	 * Claims and sends chunks until nothing due is left unclaimed; run by
	 * {@link DispatchJobs}. A claim comes back empty only when what is due is being
	 * claimed by other instances at that moment, which send it. After a chunk smaller
	 * than a full one, which took all that was due and unclaimed, the look that costs
	 * neither a lock nor a write decides whether more has come due since.
	 */
	void dispatch() {
		Chunk chunk;
		do {
			chunk = dispatchClaim();
		}
		while (chunk == Chunk.FULL || (chunk == Chunk.PARTIAL && anyDue()));
	}

	/**
	 * Claims one chunk and sends it.
	 * @return what became of it
	 */
	Chunk dispatchClaim() {
		try (ClaimLeases.Lease lease = this.claims.claimNext()) {
			Claim claim = lease.claim();
			if (claim.isEmpty()) {
				return Chunk.NONE_CLAIMED;
			}
			send(claim, lease);
			if (!lease.held()) {
				return Chunk.LEASE_LOST;
			}
			return (claim.size() < this.claims.size()) ? Chunk.PARTIAL : Chunk.FULL;
		}
	}

	/** Sends the mails of a claim, each only while its lease holds. */
	void send(Claim claim, ClaimLeases.Lease lease) {
		List<DueMail> due = this.repository.claimed(claim);
		List<DueMail> wanted = new ArrayList<>(due.size());
		for (DueMail mail : due) {
			if (mail.stillWanted()) {
				wanted.add(mail);
			}
			else {
				this.repository.cancel(mail.id());
			}
		}
		// Composing is CPU work with no shared state: use every core for it.
		List<OutgoingMail> outgoing = wanted.parallelStream().map(this.mails::of).toList();
		Map<String, DueMail> byMessageId = new HashMap<>();
		for (int i = 0; i < outgoing.size(); i++) {
			byMessageId.put(outgoing.get(i).messageId(), wanted.get(i));
		}
		if (!outgoing.isEmpty()) {
			try (SendSpans spans = this.outcomes.traced(wanted)) {
				this.mailer.send(outgoing, lease::held, (mail, outcome) -> {
					DueMail sent = byMessageId.get(mail.messageId());
					this.outcomes.record(sent, mail, outcome);
					spans.record(sent, outcome);
				});
			}
		}
	}

	/** What became of one claimed chunk. */
	enum Chunk {

		/**
		 * A full chunk, sent to its end with the lease held throughout: more may be due.
		 */
		FULL,

		/**
		 * Less than a full chunk, sent to its end with the lease held throughout: all
		 * that was due and unclaimed when it was claimed.
		 */
		PARTIAL,

		/** Nothing could be claimed. */
		NONE_CLAIMED,

		/** The lease could not be kept: the rest went back to the queue. */
		LEASE_LOST

	}

}
