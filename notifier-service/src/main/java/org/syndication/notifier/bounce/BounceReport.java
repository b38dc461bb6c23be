package org.syndication.notifier.bounce;

import java.util.List;

/**
 * What a mail in the bounce mailbox says, as {@link BounceReports} reads it.
 */
sealed interface BounceReport {

	/**
	 * The addresses in which the return path of the mail reported on may be found: where
	 * the report was sent, and the return path of the mail it quotes.
	 */
	List<String> returnPathCandidates();

	/** A short description, for the log and the history. */
	String detail();

	/**
	 * A delivery status notification (RFC 3464) that a mail was not delivered.
	 *
	 * @param permanent whether the server gave up for good ({@code failed} with a 5.x.x
	 * status); otherwise it was delayed or failed temporarily
	 * @param status the status code, e.g. {@code 5.1.1}, or empty if none was given
	 * @param recipient the final recipient, as reported
	 */
	record Failure(boolean permanent, String status, String recipient,
			List<String> returnPathCandidates) implements BounceReport {

		@Override
		public String detail() {
			return (this.permanent ? "permanent" : "temporary") + " failure " + this.status + " for " + this.recipient;
		}

	}

	/**
	 * An abuse report (RFC 5965 ARF): the recipient marked the mail as spam.
	 *
	 * @param feedbackType the Feedback-Type, e.g. {@code abuse}
	 * @param recipient the original recipient, as reported, or empty
	 */
	record Complaint(String feedbackType, String recipient, List<String> returnPathCandidates) implements BounceReport {

		@Override
		public String detail() {
			return "complaint (" + this.feedbackType + ") by " + this.recipient;
		}

	}

	/**
	 * A report that asks for nothing: a delivery status notification of a mail that was
	 * delivered, relayed or expanded, or a feedback report that a mail is not spam.
	 */
	record NothingToDo(String detail, List<String> returnPathCandidates) implements BounceReport {

	}

	/** Mail that is no report this reader understands; it is kept aside. */
	record Unreadable(String detail) implements BounceReport {

		@Override
		public List<String> returnPathCandidates() {
			return List.of();
		}

	}

}
