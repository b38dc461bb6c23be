package org.syndication.notifier.bounce;

/** What a mail read from the bounce mailbox reported, as the bounce reports keep it. */
public enum BounceKind {

	/** The address failed for good. */
	PERMANENT,

	/** The address failed for now. */
	TRANSIENT,

	/** The recipient reported the mail as abuse. */
	COMPLAINT,

	/** A report that asks for nothing, such as a delay warning or a delivery receipt. */
	NOTHING,

	/** No report about a mail of ours: for an operator to look at. */
	KEPT_ASIDE

}
