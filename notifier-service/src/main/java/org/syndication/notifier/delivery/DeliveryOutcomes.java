package org.syndication.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.mail.OutgoingMail;
import org.syndication.notifier.mail.SendOutcome;
import org.syndication.web.pipeline.Traces;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records what the SMTP server said about each mail, and counts it. Transient failures
 * wait with exponential backoff (at most a minute, so mail flows again soon after the
 * server returns); permanent ones fail the delivery and are published as a
 * {@link HardBounce}.
 */
@Component
class DeliveryOutcomes {

	private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

	private static final Duration LAST_RETRY = Duration.ofMinutes(1);

	private final DeliveryRepository repository;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Metrics metrics;

	private final Traces traces;

	DeliveryOutcomes(DeliveryRepository repository, ApplicationEventPublisher events, Clock clock,
			MeterRegistry registry, Traces traces) {
		this.repository = repository;
		this.events = events;
		this.clock = clock;
		this.metrics = new Metrics(registry);
		this.traces = traces;
	}

	/**
	 * Starts the spans in which the alerts among these mails are sent, in their articles'
	 * traces.
	 */
	SendSpans traced(List<DueMail> mails) {
		return SendSpans.start(this.traces, mails);
	}

	/** Records the outcome of one mail; called from the SMTP workers. */
	void record(DueMail mail, OutgoingMail outgoing, SendOutcome outcome) {
		Instant now = Instant.now(this.clock);
		if (outcome instanceof SendOutcome.Accepted) {
			this.repository.markSent(mail.id(), outgoing.messageId(), now);
			this.metrics.sent(mail, now);
		}
		else if (outcome instanceof SendOutcome.TransientFailure failure) {
			this.repository.retryLater(mail.id(), now.plus(backoff(mail.attempts())), failure.reason());
			this.metrics.retried.increment();
		}
		else if (outcome instanceof SendOutcome.PermanentFailure failure) {
			this.repository.markFailed(mail.id(), failure.reason());
			this.events.publishEvent(new HardBounce(mail.subscriberId()));
			this.metrics.failed.increment();
		}
	}

	static Duration backoff(int attempts) {
		long factor = 1L << Math.min(attempts, 10);
		Duration delay = FIRST_RETRY.multipliedBy(factor);
		return (delay.compareTo(LAST_RETRY) > 0) ? LAST_RETRY : delay;
	}

	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
	void refreshPending() {
		this.metrics.pending.set(this.repository.pending());
	}

	private static final class Metrics {

		private final Counter sentAlerts;

		private final Counter sentConfirmations;

		private final Counter sentDigestMails;

		private final Map<Frequency, Counter> sentDigests = new EnumMap<>(Frequency.class);

		private final Counter retried;

		private final Counter failed;

		private final Timer latency;

		private final AtomicLong pending = new AtomicLong();

		Metrics(MeterRegistry registry) {
			this.sentAlerts = Counter.builder("notifier.mail.sent").tag("kind", "alert").register(registry);
			this.sentConfirmations = Counter.builder("notifier.mail.sent")
				.tag("kind", "confirmation")
				.register(registry);
			this.sentDigestMails = Counter.builder("notifier.mail.sent").tag("kind", "digest").register(registry);
			for (Frequency frequency : List.of(Frequency.DAILY, Frequency.WEEKLY)) {
				this.sentDigests.put(frequency,
						Counter.builder("notifier.digests.sent")
							.description("Digests the SMTP server accepted")
							.tag("frequency", frequency.value())
							.register(registry));
			}
			this.retried = Counter.builder("notifier.mail.retried")
				.description("Sends that failed for now and wait for another attempt")
				.register(registry);
			this.failed = Counter.builder("notifier.mail.failed")
				.description("Deliveries refused for good by the SMTP server")
				.register(registry);
			this.latency = Timer.builder("notifier.mail.delivery.latency")
				.description("From queueing a mail to the SMTP server accepting it")
				.publishPercentileHistogram()
				.register(registry);
			Gauge.builder("notifier.mail.pending", this.pending, AtomicLong::get)
				.description("Deliveries waiting to be sent")
				.register(registry);
		}

		void sent(DueMail mail, Instant now) {
			switch (mail.kind()) {
				case ALERT -> this.sentAlerts.increment();
				case CONFIRMATION -> this.sentConfirmations.increment();
				case DIGEST -> {
					this.sentDigestMails.increment();
					this.sentDigests.get(mail.digestFrequency()).increment();
				}
			}
			this.latency.record(Duration.between(mail.createdAt(), now));
		}

	}

}
