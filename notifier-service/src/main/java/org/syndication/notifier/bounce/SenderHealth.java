package org.syndication.notifier.bounce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.notifier.delivery.DeliveryHistory;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The sender's standing with mailbox providers over the last 24 hours: mails sent, and
 * the shares of them that bounced and that drew a complaint. Gmail and Yahoo ask bulk
 * senders to keep complaints under 0.3 % and recommend under 0.1 %; above
 * {@value #COMPLAINT_WARNING} the notifier warns, once in the log when the rate passes
 * it, and for as long as it stays above in the readiness details. Readiness itself stays
 * up: the notifier still works, it is its mail that is at risk. Gauges
 * {@code notifier.sender.sent}, {@code notifier.sender.bounce.rate} and
 * {@code notifier.sender.complaint.rate} show the figures; every instance shows the same,
 * read from the database, refreshed every minute.
 */
public class SenderHealth extends AbstractHealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(SenderHealth.class);

	/** The complaint rate above which the notifier warns. */
	static final double COMPLAINT_WARNING = 0.001;

	static final Duration WINDOW = Duration.ofHours(24);

	private final DeliveryHistory deliveries;

	private final BounceReportRepository reports;

	private final Clock clock;

	private final AtomicReference<Figures> figures = new AtomicReference<>(new Figures(0, 0, 0));

	SenderHealth(DeliveryHistory deliveries, BounceReportRepository reports, Clock clock, MeterRegistry registry) {
		super("Sender health check failed");
		this.deliveries = deliveries;
		this.reports = reports;
		this.clock = clock;
		Gauge.builder("notifier.sender.sent", this.figures, (value) -> value.get().sent())
			.description("Mails sent in the last 24 hours, by every instance")
			.register(registry);
		Gauge.builder("notifier.sender.bounce.rate", this.figures, (value) -> value.get().bounceRate())
			.description("Share of the mails sent in the last 24 hours that bounced, after the SMTP server took them")
			.register(registry);
		Gauge.builder("notifier.sender.complaint.rate", this.figures, (value) -> value.get().complaintRate())
			.description("Share of the mails sent in the last 24 hours that drew an abuse report")
			.register(registry);
	}

	/** Counts again, and warns when the complaint rate passes the warning level. */
	public Figures refresh() {
		Instant since = Instant.now(this.clock).minus(WINDOW);
		long sent = this.deliveries.sentSince(since);
		long bounced = this.reports.bouncedSince(since);
		long complained = this.reports.complainedSince(since);
		Figures now = new Figures(sent, bounced, complained);
		Figures before = this.figures.getAndSet(now);
		if (now.complaintsTooMany() && !before.complaintsTooMany()) {
			logger.warn("Complaint rate {} over the last 24 hours, above {}: {}", percent(now.complaintRate()),
					percent(COMPLAINT_WARNING), now.warning());
		}
		else if (!now.complaintsTooMany() && before.complaintsTooMany()) {
			logger.info("Complaint rate {} over the last 24 hours, back under {}", percent(now.complaintRate()),
					percent(COMPLAINT_WARNING));
		}
		return now;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Figures current = this.figures.get();
		builder.up()
			.withDetail("sentInLast24Hours", current.sent())
			.withDetail("bounceRate", current.bounceRate())
			.withDetail("complaintRate", current.complaintRate());
		if (current.complaintsTooMany()) {
			builder.withDetail("warning", current.warning());
		}
	}

	static String percent(double rate) {
		return String.format(Locale.ROOT, "%.2f %%", rate * 100);
	}

	/**
	 * The last 24 hours.
	 *
	 * @param sent mails sent
	 * @param bounced mails of theirs that bounced after the SMTP server took them
	 * @param complained mails that drew an abuse report
	 */
	public record Figures(long sent, long bounced, long complained) {

		public double bounceRate() {
			return (this.sent > 0) ? (double) this.bounced / this.sent : 0;
		}

		public double complaintRate() {
			return (this.sent > 0) ? (double) this.complained / this.sent : 0;
		}

		boolean complaintsTooMany() {
			return this.complained > 0 && complaintRate() > COMPLAINT_WARNING;
		}

		String warning() {
			return "complaint rate " + percent(complaintRate()) + " (" + this.complained + " of " + this.sent
					+ " mails) is above " + percent(COMPLAINT_WARNING)
					+ ": Gmail and Yahoo may send this sender's mail to spam or refuse it";
		}

	}

}
