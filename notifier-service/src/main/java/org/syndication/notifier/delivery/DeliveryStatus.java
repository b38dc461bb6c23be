package org.syndication.notifier.delivery;

/**
 * What became of a queued mail, as the delivery queue and the administration API write
 * it.
 */
public enum DeliveryStatus {

	/** Queued, not sent yet. */
	PENDING,

	/** Taken by the SMTP server. */
	SENT,

	/** Refused for good, or given up on. */
	FAILED,

	/**
	 * No longer wanted: unsubscribed, suppressed, retracted, or sent by a lost database.
	 */
	CANCELLED

}
