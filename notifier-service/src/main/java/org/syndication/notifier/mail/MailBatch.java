package org.syndication.notifier.mail;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The mails of one call to {@link SmtpMailer#send} and how far they have got: the workers
 * take mails from it until it is empty or stopped, and report each outcome through it.
 */
final class MailBatch {

	private final Queue<OutgoingMail> pending;

	private final BiConsumer<OutgoingMail, SendOutcome> onEach;

	private final AtomicReference<String> stopped = new AtomicReference<>();

	private final AtomicReference<RuntimeException> callbackFailure = new AtomicReference<>();

	MailBatch(List<OutgoingMail> mails, BiConsumer<OutgoingMail, SendOutcome> onEach) {
		this.pending = new ConcurrentLinkedQueue<>(mails);
		this.onEach = onEach;
	}

	/** The next mail to send; {@code null} when there is none or the batch stopped. */
	OutgoingMail next() {
		return (this.stopped.get() == null) ? this.pending.poll() : null;
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
	 * reports every mail not sent as a transient failure.
	 */
	void failRemaining() {
		RuntimeException failure = this.callbackFailure.get();
		if (failure != null) {
			throw failure;
		}
		OutgoingMail mail;
		while ((mail = this.pending.poll()) != null) {
			if (!report(mail, new SendOutcome.TransientFailure("not sent: " + this.stopped.get()))) {
				throw this.callbackFailure.get();
			}
		}
	}

}
