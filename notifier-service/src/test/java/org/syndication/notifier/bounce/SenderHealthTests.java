package org.syndication.notifier.bounce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.notifier.SubscriberRows;
import org.syndication.notifier.delivery.DeliveryHistory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@JdbcTest
@Import({ DeliveryHistory.class, BounceReportRepository.class })
class SenderHealthTests {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DeliveryHistory deliveries;

	@Autowired
	private BounceReportRepository reports;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private SenderHealth health;

	private UUID subscriber;

	@BeforeEach
	void start() {
		this.health = new SenderHealth(this.deliveries, this.reports, Clock.fixed(NOW, ZoneOffset.UTC), this.registry);
		this.subscriber = SubscriberRows.insert(this.jdbc, "reader@example.org", "CONFIRMED", List.of(),
				NOW.minus(Duration.ofDays(30)));
	}

	@Test
	void ratesAreSharesOfTheMailsSentInTheLast24Hours() {
		long[] recent = sent(1000, NOW.minus(Duration.ofHours(23)));
		long[] old = sent(500, NOW.minus(Duration.ofHours(25)));
		report(recent[0], "PERMANENT", NOW.minus(Duration.ofHours(1)));
		report(recent[1], "TRANSIENT", NOW.minus(Duration.ofHours(1)));
		// The same mail reported twice counts once.
		report(recent[1], "TRANSIENT", NOW.minus(Duration.ofMinutes(30)));
		report(recent[2], "COMPLAINT", NOW.minus(Duration.ofHours(2)));
		// Reports from before the last 24 hours count no more.
		report(old[0], "COMPLAINT", NOW.minus(Duration.ofHours(30)));
		report(old[1], "NOTHING", NOW.minus(Duration.ofHours(1)));

		SenderHealth.Figures figures = this.health.refresh();

		assertThat(figures).isEqualTo(new SenderHealth.Figures(1000, 2, 1));
		assertThat(this.registry.get("notifier.sender.sent").gauge().value()).isEqualTo(1000);
		assertThat(this.registry.get("notifier.sender.bounce.rate").gauge().value()).isEqualTo(0.002);
		assertThat(this.registry.get("notifier.sender.complaint.rate").gauge().value()).isEqualTo(0.001);
		// 0.1 % is the limit itself, not above it.
		Health health = this.health.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("complaintRate", 0.001).doesNotContainKey("warning");
	}

	@Test
	void aComplaintRateAbove0Point1PercentIsAWarningInTheReadinessDetailsWhileReadinessStaysUp() {
		long[] mails = sent(1000, NOW.minus(Duration.ofHours(3)));
		report(mails[0], "COMPLAINT", NOW.minus(Duration.ofHours(1)));
		report(mails[1], "COMPLAINT", NOW.minus(Duration.ofHours(1)));

		this.health.refresh();

		Health health = this.health.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("complaintRate", 0.002).containsEntry("sentInLast24Hours", 1000L);
		assertThat((String) health.getDetails().get("warning")).contains("0.20 %", "2 of 1000", "above 0.10 %");
	}

	@Test
	void withNothingSentTheRatesAreNought() {
		assertThat(this.health.refresh()).isEqualTo(new SenderHealth.Figures(0, 0, 0));
		assertThat(this.registry.get("notifier.sender.complaint.rate").gauge().value()).isZero();
	}

	private long[] sent(int count, Instant at) {
		long[] ids = new long[count];
		for (int i = 0; i < count; i++) {
			UUID article = UUID.randomUUID();
			this.jdbc.sql("""
					INSERT INTO mail_delivery (kind, article_id, subscriber_id, status, attempts, next_attempt_at,
					created_at, sent_at) VALUES ('ALERT', :article, :subscriber, 'SENT', 1, :at, :at, :at)""")
				.param("article", article)
				.param("subscriber", this.subscriber)
				.param("at", at.atOffset(ZoneOffset.UTC))
				.update();
			ids[i] = this.jdbc.sql("SELECT id FROM mail_delivery WHERE article_id = :article")
				.param("article", article)
				.query(Long.class)
				.single();
		}
		return ids;
	}

	private void report(long mail, String kind, Instant at) {
		this.jdbc.sql("""
				INSERT INTO bounce_report (report_key, kind, delivery_id, subscriber_id, detail, received_at)
				VALUES (:key, :kind, :mail, :subscriber, 'a report', :at)""")
			.param("key", UUID.randomUUID().toString())
			.param("kind", kind)
			.param("mail", mail)
			.param("subscriber", this.subscriber)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.update();
	}

}
