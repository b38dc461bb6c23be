package org.syndication.notifier.delivery;

/** What a queued mail is, as the delivery queue and the administration API write it. */
public enum MailKind {

	ALERT, CONFIRMATION, DIGEST

}
