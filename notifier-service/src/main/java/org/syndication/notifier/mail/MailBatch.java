package org.syndication.notifier.mail;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The mails of one call to {@link SmtpMailer#send} and how far they have got: the workers
 * take mails from it until it is empty or stopped, and report each outcome through it.
 */
final class MailBatch {

	private static final String WITHHELD = "the sender may start no further mail";

	private final Queue<OutgoingMail> pending;

	private final BooleanSupplier mayStart;

	private final BiConsumer<OutgoingMail, SendOutcome> onEach;

	private final AtomicReference<String> stopped = new AtomicReference<>();

	private final AtomicReference<RuntimeException> callbackFailure = new AtomicReference<>();

	MailBatch(List<OutgoingMail> mails, BooleanSupplier mayStart, BiConsumer<OutgoingMail, SendOutcome> onEach) {
		this.pending = new ConcurrentLinkedQueue<>(mails);
		this.mayStart = mayStart;
		this.onEach = onEach;
	}

	/** The next mail to send; {@code null} when there is none or the batch stopped. */
	OutgoingMail next() {
		return (this.stopped.get() == null && mayStart()) ? this.pending.poll() : null;
	}

	/**
	 * Whether a mail may be handed to the server now; once the sender says no, the batch
	 * stops, and neither that mail nor those not yet taken get an outcome.
	 */
	boolean mayStart() {
		if (this.mayStart.getAsBoolean()) {
			return true;
		}
		stop(WITHHELD);
		return false;
	}

	/** Sends no further mails; {@code true} for the first caller. */
	boolean stop(String reason) {
		return this.stopped.compareAndSet(null, reason);
	}

	/**
	 * Tells the caller; {@code false} if the callback failed and sending must stop.
	 */
	boolean report(OutgoingMail mail, SendOutcome outcome) {
		try {
			this.onEach.accept(mail, outcome);
			return true;
		}
		catch (RuntimeException ex) {
			if (!this.callbackFailure.compareAndSet(null, ex)) {
				this.callbackFailure.get().addSuppressed(ex);
			}
			stop("the outcome of an earlier mail could not be recorded");
			return false;
		}
	}

	/**
	 * Once the workers are done: rethrows the first failure of the callback, or else
	 * reports every mail not sent as a transient failure, unless the sender withheld
	 * them.
	 */
	void failRemaining() {
		RuntimeException failure = this.callbackFailure.get();
		if (failure != null) {
			throw failure;
		}
		if (WITHHELD.equals(this.stopped.get())) {
			return;
		}
		OutgoingMail mail;
		while ((mail = this.pending.poll()) != null) {
			if (!report(mail, new SendOutcome.TransientFailure("not sent: " + this.stopped.get()))) {
				throw this.callbackFailure.get();
			}
		}
	}

}
