package org.syndication.notifier.bounce;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.mail.ReturnPaths;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final JdbcClient jdbc;

	private final ReturnPaths returnPaths;

	private final ApplicationEventPublisher events;

	private final BounceSettings settings;

	private final Clock clock;

	Bounces(JdbcClient jdbc, ReturnPaths returnPaths, ApplicationEventPublisher events, BounceSettings settings,
			Clock clock) {
		this.jdbc = jdbc;
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
		Optional<String> before = this.jdbc.sql("SELECT kind FROM bounce_report WHERE report_key = :key")
			.param("key", reportKey)
			.query(String.class)
			.optional();
		if (before.isPresent()) {
			return "KEPT_ASIDE".equals(before.get()) ? Outcome.KEPT_ASIDE : Outcome.APPLIED;
		}
		Instant now = Instant.now(this.clock);
		Optional<Delivery> delivery = delivery(report);
		String kind = kind(report, delivery.isPresent());
		this.jdbc.sql("""
				INSERT INTO bounce_report (report_key, kind, delivery_id, subscriber_id, status, detail, received_at)
				VALUES (:key, :kind, :delivery, :subscriber, :status, :detail, :now)""")
			.param("key", reportKey)
			.param("kind", kind)
			.param("delivery", delivery.map(Delivery::id).orElse(null))
			.param("subscriber", delivery.map(Delivery::subscriberId).orElse(null))
			.param("status", (report instanceof BounceReport.Failure failure) ? failure.status() : null)
			.param("detail", truncate(report.detail()))
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		if (delivery.isEmpty()) {
			logger.info("Bounce mailbox: kept aside {}", report.detail());
			return Outcome.KEPT_ASIDE;
		}
		UUID subscriber = delivery.get().subscriberId();
		if (report instanceof BounceReport.Failure failure
				&& (failure.permanent() || temporaryFailures(subscriber) >= this.settings.transientToSuppress())) {
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

	/** Different mails to the subscriber that failed temporarily since they confirmed. */
	private long temporaryFailures(UUID subscriber) {
		return this.jdbc.sql("""
				SELECT COUNT(DISTINCT b.delivery_id) FROM bounce_report b JOIN subscriber s ON s.id = b.subscriber_id
				WHERE b.subscriber_id = :subscriber AND b.kind = 'TRANSIENT'
				AND (s.confirmed_at IS NULL OR b.received_at >= s.confirmed_at)""")
			.param("subscriber", subscriber)
			.query(Long.class)
			.single();
	}

	private Optional<Delivery> delivery(BounceReport report) {
		for (String candidate : report.returnPathCandidates()) {
			OptionalLong id = this.returnPaths.delivery(candidate);
			if (id.isPresent()) {
				return this.jdbc.sql("SELECT id, subscriber_id FROM mail_delivery WHERE id = :id")
					.param("id", id.getAsLong())
					.query((rs, row) -> new Delivery(rs.getLong(1), rs.getObject(2, UUID.class)))
					.optional();
			}
		}
		return Optional.empty();
	}

	private static String kind(BounceReport report, boolean known) {
		if (!known || report instanceof BounceReport.Unreadable) {
			return "KEPT_ASIDE";
		}
		if (report instanceof BounceReport.Failure failure) {
			return failure.permanent() ? "PERMANENT" : "TRANSIENT";
		}
		return (report instanceof BounceReport.Complaint) ? "COMPLAINT" : "NOTHING";
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
