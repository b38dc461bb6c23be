package org.syndication.notifier.mail;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * Records what the mailer reports, as a caller would, from any thread.
 */
final class RecordedOutcomes implements BiConsumer<OutgoingMail, SendOutcome> {

	private final Map<String, Queue<SendOutcome>> byMessageId = new ConcurrentHashMap<>();

	@Override
	public void accept(OutgoingMail mail, SendOutcome outcome) {
		this.byMessageId.computeIfAbsent(mail.messageId(), (id) -> new ConcurrentLinkedQueue<>()).add(outcome);
	}

	/** Every outcome reported for the mail, in order. */
	List<SendOutcome> of(OutgoingMail mail) {
		Queue<SendOutcome> outcomes = this.byMessageId.get(mail.messageId());
		return (outcomes != null) ? List.copyOf(outcomes) : List.of();
	}

	/** The one outcome of the mail; fails if there was none or more than one. */
	SendOutcome single(OutgoingMail mail) {
		List<SendOutcome> outcomes = of(mail);
		if (outcomes.size() != 1) {
			throw new AssertionError("Expected one outcome for " + mail.recipient() + " but got " + outcomes);
		}
		return outcomes.get(0);
	}

	int mails() {
		return this.byMessageId.size();
	}

	long calls() {
		return this.byMessageId.values().stream().mapToLong(Queue::size).sum();
	}

}
