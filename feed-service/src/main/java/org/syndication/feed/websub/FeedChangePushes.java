package org.syndication.feed.websub;

import java.time.Clock;
import java.time.Instant;

import org.syndication.feed.catalog.FeedsChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Owes the subscribers of changed feeds a push, in the transaction that changed them (so
 * that a change committed is a push owed), and sends it right after the commit. A change
 * replayed after a restore owes none: its push went out before.
 */
class FeedChangePushes {

	private final PushQueue queue;

	private final PushDistribution distribution;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FeedChangePushes(PushQueue queue, PushDistribution distribution, ApplicationEventPublisher events, Clock clock) {
		this.queue = queue;
		this.distribution = distribution;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void onChange(FeedsChanged changed) {
		if (changed.announced() && !changed.feeds().isEmpty()
				&& this.queue.queue(changed.feeds(), changed.traces(), Instant.now(this.clock))) {
			this.events.publishEvent(new PushesQueued());
		}
	}

	@TransactionalEventListener
	void afterCommit(PushesQueued queued) {
		this.distribution.wake();
	}

	record PushesQueued() {

	}

}
