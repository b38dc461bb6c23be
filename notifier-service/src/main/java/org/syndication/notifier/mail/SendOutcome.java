package org.syndication.notifier.mail;

/**
 * What the SMTP server said about one mail.
 */
public sealed interface SendOutcome {

	/** The server accepted the mail for delivery. */
	record Accepted() implements SendOutcome {

	}

	/**
	 * Worth trying again later: a 4xx reply, a refused or broken connection, a timeout.
	 */
	record TransientFailure(String reason) implements SendOutcome {

	}

	/** The server refused this address for good (5xx); trying again will not help. */
	record PermanentFailure(String reason) implements SendOutcome {

	}

}
