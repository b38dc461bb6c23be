package org.syndication.notifier.bounce;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.delivery.DeliveryHistory;
import org.syndication.notifier.mail.ReturnPaths;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the reports read from the bounce mailbox. A report is about the delivery whose
 * return path it was sent to (or whose return path the mail it quotes carries); one that
 * names none, or a forged one, is kept aside. A permanent failure suppresses the address
 * at once; temporary failures of {@code transientToSuppress} different mails, since the
 * subscriber last confirmed, suppress it too; a complaint unsubscribes and suppresses.
 * Each report is applied once, however often it is read.
 */
@Service
class Bounces {

	private static final Logger logger = LoggerFactory.getLogger(Bounces.class);

	private final BounceReportRepository reports;

	private final DeliveryHistory deliveries;

	private final ReturnPaths returnPaths;

	private final ApplicationEventPublisher events;

	private final BounceSettings settings;

	private final Clock clock;

	Bounces(BounceReportRepository reports, DeliveryHistory deliveries, ReturnPaths returnPaths,
			ApplicationEventPublisher events, BounceSettings settings, Clock clock) {
		this.reports = reports;
		this.deliveries = deliveries;
		this.returnPaths = returnPaths;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Applies a report, unless it was applied before.
	 * @param reportKey what tells this mail from others: a hash of its Message-ID
	 * @param report what it says
	 * @return what became of it
	 */
	@Transactional
	Outcome apply(String reportKey, BounceReport report) {
		Optional<BounceKind> before = this.reports.kindOf(reportKey);
		if (before.isPresent()) {
			return (before.get() == BounceKind.KEPT_ASIDE) ? Outcome.KEPT_ASIDE : Outcome.APPLIED;
		}
		Instant now = Instant.now(this.clock);
		Optional<Delivery> delivery = delivery(report);
		BounceKind kind = kind(report, delivery.isPresent());
		this.reports.insert(reportKey, kind, delivery.map(Delivery::id).orElse(null),
				delivery.map(Delivery::subscriberId).orElse(null),
				(report instanceof BounceReport.Failure failure) ? failure.status() : null, truncate(report.detail()),
				now);
		if (delivery.isEmpty()) {
			logger.info("Bounce mailbox: kept aside {}", report.detail());
			return Outcome.KEPT_ASIDE;
		}
		UUID subscriber = delivery.get().subscriberId();
		if (report instanceof BounceReport.Failure failure && (failure.permanent()
				|| this.reports.temporaryFailures(subscriber) >= this.settings.transientToSuppress())) {
			suppress(subscriber, "bounced", false, report);
		}
		else if (report instanceof BounceReport.Complaint) {
			suppress(subscriber, "complained", true, report);
		}
		return Outcome.APPLIED;
	}

	private void suppress(UUID subscriber, String reason, boolean unsubscribe, BounceReport report) {
		logger.info("Subscriber {} suppressed ({}): {}", subscriber, reason, report.detail());
		this.events.publishEvent(new AddressSuppressed(subscriber, reason, unsubscribe));
	}

	private Optional<Delivery> delivery(BounceReport report) {
		for (String candidate : report.returnPathCandidates()) {
			OptionalLong id = this.returnPaths.delivery(candidate);
			if (id.isPresent()) {
				long deliveryId = id.getAsLong();
				return this.deliveries.subscriberOf(deliveryId)
					.map((subscriberId) -> new Delivery(deliveryId, subscriberId));
			}
		}
		return Optional.empty();
	}

	private static BounceKind kind(BounceReport report, boolean known) {
		if (!known || report instanceof BounceReport.Unreadable) {
			return BounceKind.KEPT_ASIDE;
		}
		if (report instanceof BounceReport.Failure failure) {
			return failure.permanent() ? BounceKind.PERMANENT : BounceKind.TRANSIENT;
		}
		return (report instanceof BounceReport.Complaint) ? BounceKind.COMPLAINT : BounceKind.NOTHING;
	}

	private static String truncate(String detail) {
		return (detail.length() <= 1000) ? detail : detail.substring(0, 1000);
	}

	/** What became of a mail read from the bounce mailbox. */
	enum Outcome {

		/** Applied, now or before. */
		APPLIED,

		/** No report about a mail of ours: for an operator to look at. */
		KEPT_ASIDE

	}

	private record Delivery(long id, UUID subscriberId) {

	}

}
