package org.syndication.notifier.digest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.notifier.delivery.DigestDeliveries;
import org.syndication.notifier.subscription.SubscriberDigestWindows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import org.syndication.notifier.NotifierProperties;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Digest runs on a real database with a clock the test moves: which subscribers are owed
 * which period, in their own time zones and across daylight-saving changes, and what each
 * digest lists. The default digest times apply: daily 07:00, weekly Monday 07:00; the
 * notifier's own zone is Asia/Tokyo here.
 */
@JdbcTest(properties = { "notifier.token-secret=test-secret-test-secret-test-secret-42",
		"notifier.time-zone=Asia/Tokyo" })
@Import({ DigestRepository.class, DigestRuns.class, DigestDeliveries.class, SubscriberDigestWindows.class,
		DigestRunsTests.Infrastructure.class })
@EnableConfigurationProperties(NotifierProperties.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DigestRunsTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Autowired
	private DigestRuns runs;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MovableClock clock;

	@Autowired
	private NotifierProperties properties;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private DigestQueue digests;

	@Autowired
	private DigestWindows windows;

	@Test
	void aRunAskedForWhileAnotherHoldsTheLockIsNotRun() {
		DigestRuns elsewhere = new DigestRuns(new DigestRepository(this.jdbc), this.digests, this.windows,
				this.properties, (lock) -> Optional.empty(), this.transactions, this.clock, new SimpleMeterRegistry());

		assertThat(elsewhere.runNow(Frequency.DAILY)).isEmpty();
	}

	@Test
	void aRunAskedForWhileTheDatabaseIsAwaySaysSoRatherThanThatAnotherRunHoldsTheLock() {
		// The lock provider reports a lock it could not take for want of a database as
		// not acquired.
		DataSource away = new AbstractDataSource() {

			@Override
			public Connection getConnection() throws SQLException {
				throw new SQLTransientConnectionException("The database is away");
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return getConnection();
			}

		};
		DigestRuns runs = new DigestRuns(new DigestRepository(JdbcClient.create(away)), this.digests, this.windows,
				this.properties, (lock) -> Optional.empty(), new DataSourceTransactionManager(away), this.clock,
				new SimpleMeterRegistry());

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> runs.runNow(Frequency.DAILY));
	}

	@BeforeEach
	void emptyTables() {
		for (String table : List.of("digest_item", "mail_delivery", "subscriber_category", "subscriber", "suppression",
				"article_category", "article_alert")) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
	}

	@Test
	void aDailyDigestListsWhatArrivedSinceThePreviousOneAndComesOncePerPeriod() {
		// Berlin is UTC+1 until 29 March 2026, when its clocks go forward to UTC+2.
		UUID ada = subscriber("ada@example.org", "daily", BERLIN, "2026-03-27T09:00:00Z");
		UUID before = article("2026-03-27T08:59:59.999Z");
		UUID first = article("2026-03-27T12:00:00Z");
		UUID second = article("2026-03-28T05:59:59Z");
		UUID afterSeven = article("2026-03-28T06:00:00Z");

		this.clock.set("2026-03-28T05:59:00Z");
		assertThat(this.runs.anyDue()).isFalse();
		this.clock.set("2026-03-28T06:00:00Z");
		assertThat(this.runs.anyDue()).isTrue();
		assertThat(this.runs.runDue()).contains(1);
		assertThat(digests(ada)).containsExactly("daily-2026-03-28");
		assertThat(items(ada, "daily-2026-03-28")).containsExactlyInAnyOrder(first, second).doesNotContain(before);

		assertThat(this.runs.anyDue()).isFalse();
		assertThat(this.runs.runDue()).contains(0);

		// 07:00 in Berlin on the day the clocks go forward is 05:00 UTC: a 23-hour day.
		UUID night = article("2026-03-29T04:59:00Z");
		this.clock.set("2026-03-29T04:59:59Z");
		assertThat(this.runs.runDue()).contains(0);
		this.clock.set("2026-03-29T05:00:00Z");
		assertThat(this.runs.runDue()).contains(1);
		assertThat(items(ada, "daily-2026-03-29")).containsExactlyInAnyOrder(afterSeven, night);
	}

	@Test
	void afterARestoreAPeriodThatEndedBeforeTheLostDatabaseLastWorkedDoesNotComeAgainAndReplayedArticlesAreInNone() {
		// The backup: Ada's window starts at the digest of 29 November, and an article
		// arrived after it.
		UUID ada = subscriber("ada@example.org", "daily", ZoneOffset.UTC, "2026-11-29T07:00:00Z");
		article("2026-11-29T10:00:00Z");
		// The lost database sent the digest of 30 November at 07:00, and last applied an
		// event at 09:00; the restored one reads that event again at 09:30.
		this.clock.set("2026-11-30T09:30:00Z");
		UUID replayed = article("2026-11-30T09:30:00Z");
		this.jdbc.sql("UPDATE article_alert SET replayed = TRUE WHERE article_id = :id").param("id", replayed).update();

		this.runs.countAsSent(Instant.parse("2026-11-30T09:00:00Z"));

		assertThat(this.runs.runDue()).contains(0);
		assertThat(digests(ada)).isEmpty();
		UUID news = article("2026-11-30T12:00:00Z");
		this.clock.set("2026-12-01T07:00:00Z");
		assertThat(this.runs.runDue()).contains(1);
		assertThat(items(ada, "daily-2026-12-01")).containsExactly(news);
	}

	@Test
	void aRestoreBeforeThePeriodEndedLeavesTheWindowAsItWas() {
		UUID ada = subscriber("ada@example.org", "daily", ZoneOffset.UTC, "2026-11-29T07:00:00Z");
		UUID inTheBackup = article("2026-11-29T10:00:00Z");
		this.clock.set("2026-11-29T12:00:00Z");

		this.runs.countAsSent(Instant.parse("2026-11-29T11:00:00Z"));

		this.clock.set("2026-11-30T07:00:00Z");
		assertThat(this.runs.runDue()).contains(1);
		assertThat(items(ada, "daily-2026-11-30")).containsExactly(inTheBackup);
	}

	@Test
	void eachSubscriberIsServedAtTheDigestHourOfTheirOwnTimeZone() {
		UUID tokyo = subscriber("tokyo@example.org", "daily", null, "2026-11-29T00:00:00Z");
		UUID newYork = subscriber("ny@example.org", "daily", ZoneId.of("America/New_York"), "2026-11-29T00:00:00Z");
		article("2026-11-29T12:00:00Z");

		// 07:00 in Tokyo (the notifier's zone, UTC+9) is 22:00 UTC the day before.
		this.clock.set("2026-11-29T22:00:00Z");
		assertThat(this.runs.runDue()).contains(1);
		assertThat(digests(tokyo)).containsExactly("daily-2026-11-30");
		assertThat(digests(newYork)).isEmpty();
		// 07:00 in New York (UTC-5) is 12:00 UTC.
		this.clock.set("2026-11-30T12:00:00Z");
		assertThat(this.runs.runDue()).contains(1);
		assertThat(digests(newYork)).containsExactly("daily-2026-11-30");
	}

	@Test
	void aWeeklyDigestComesOnMondayAcrossTheAutumnChange() {
		// Berlin goes back to UTC+1 on Sunday 25 October 2026.
		UUID ada = subscriber("ada@example.org", "weekly", BERLIN, "2026-10-19T05:00:00Z");
		UUID tuesday = article("2026-10-20T10:00:00Z");
		UUID sunday = article("2026-10-25T10:00:00Z");
		this.clock.set("2026-10-26T05:59:00Z");
		assertThat(this.runs.runDue()).contains(0);
		this.clock.set("2026-10-26T06:00:00Z");
		assertThat(this.runs.runDue()).contains(1);
		assertThat(digests(ada)).containsExactly("weekly-2026-10-26");
		assertThat(items(ada, "weekly-2026-10-26")).containsExactlyInAnyOrder(tuesday, sunday);
	}

	@Test
	void aDigestListsOnlyLiveArticlesInTheSubscribersCategoriesNotMailedAlready() {
		UUID ada = subscriber("ada@example.org", "daily", ZoneOffset.UTC, "2026-11-29T07:00:00Z", "politics",
				"culture");
		UUID politics = article("2026-11-29T08:00:00Z", "Politics");
		UUID culture = article("2026-11-29T09:00:00Z", "culture", "science");
		article("2026-11-29T10:00:00Z", "sport");
		UUID retracted = article("2026-11-29T11:00:00Z", "politics");
		this.jdbc.sql("UPDATE article_alert SET retracted = TRUE WHERE article_id = :id")
			.param("id", retracted)
			.update();
		UUID breaking = article("2026-11-29T12:00:00Z", "politics");
		this.jdbc
			.sql("""
					INSERT INTO mail_delivery (kind, article_id, subscriber_id, status, attempts, next_attempt_at, created_at)
					VALUES ('ALERT', :article, :subscriber, 'SENT', 1, :now, :now)""")
			.param("article", breaking)
			.param("subscriber", ada)
			.param("now", Instant.parse("2026-11-29T12:00:01Z").atOffset(ZoneOffset.UTC))
			.update();

		this.clock.set("2026-11-30T07:00:00Z");
		assertThat(this.runs.runDue()).contains(1);
		assertThat(items(ada, "daily-2026-11-30")).containsExactlyInAnyOrder(politics, culture);
	}

	@Test
	void nothingNewSendsNothingAndASuppressedAddressGetsNoDigest() {
		UUID idle = subscriber("idle@example.org", "daily", ZoneOffset.UTC, "2026-11-29T07:00:00Z", "sport");
		UUID gone = subscriber("gone@example.org", "daily", ZoneOffset.UTC, "2026-11-29T07:00:00Z");
		this.jdbc
			.sql("INSERT INTO suppression (email_key, reason, created_at) VALUES ('gone@example.org', "
					+ "'bounced', TIMESTAMP WITH TIME ZONE '2026-11-29 08:00:00+00')")
			.update();
		article("2026-11-29T08:00:00Z", "politics");
		this.clock.set("2026-11-30T07:00:00Z");
		assertThat(this.runs.runDue()).contains(0);
		assertThat(digests(idle)).isEmpty();
		assertThat(digests(gone)).isEmpty();
		assertThat(this.runs.anyDue()).isFalse();
	}

	@Test
	void aNotifierDownAtTheDigestHourSendsOneDigestOfAllItMissedWhenItReturns() {
		UUID ada = subscriber("ada@example.org", "daily", ZoneOffset.UTC, "2026-11-26T07:00:00Z");
		UUID monday = article("2026-11-26T10:00:00Z");
		UUID tuesday = article("2026-11-27T10:00:00Z");
		UUID wednesday = article("2026-11-28T10:00:00Z");
		this.clock.set("2026-11-29T09:30:00Z");
		assertThat(this.runs.anyDue()).isTrue();
		assertThat(this.runs.runDue()).contains(1);
		assertThat(digests(ada)).containsExactly("daily-2026-11-29");
		assertThat(items(ada, "daily-2026-11-29")).containsExactlyInAnyOrder(monday, tuesday, wednesday);
	}

	@Test
	void aRunOnDemandClosesTheCurrentPeriodOnceAndLaterArticlesWaitForTheNext() {
		UUID ada = subscriber("ada@example.org", "daily", ZoneOffset.UTC, "2026-11-30T07:00:00Z");
		UUID morning = article("2026-11-30T09:00:00Z");
		this.clock.set("2026-11-30T10:00:00Z");
		assertThat(this.runs.runNow(Frequency.DAILY)).contains(1);
		assertThat(items(ada, "daily-2026-12-01")).containsExactly(morning);
		assertThat(this.runs.runNow(Frequency.DAILY)).contains(0);
		assertThat(this.runs.runNow(Frequency.WEEKLY)).contains(0);

		UUID afternoon = article("2026-11-30T15:00:00Z");
		this.clock.set("2026-12-01T07:00:00Z");
		assertThat(this.runs.anyDue()).isFalse();
		assertThat(this.runs.runDue()).contains(0);
		this.clock.set("2026-12-02T07:00:00Z");
		assertThat(this.runs.runDue()).contains(1);
		assertThat(items(ada, "daily-2026-12-02")).containsExactly(afternoon);
	}

	@Test
	void anArticleRecordedOnlyAfterARunReadTheArticlesGoesIntoTheNextDigestAndNoArticleIntoTwo() {
		UUID ada = subscriber("ada@example.org", "daily", ZoneOffset.UTC, "2026-11-29T07:00:00Z");
		UUID early = article("2026-11-30T06:59:30Z");
		this.clock.set("2026-11-30T07:00:00Z");
		assertThat(this.runs.runDue()).contains(1);
		// Received before 07:00, but its transaction committed after the run had looked.
		UUID late = article("2026-11-30T06:59:59.900Z");
		UUID next = article("2026-11-30T12:00:00Z");
		this.clock.set("2026-12-01T07:00:00Z");
		assertThat(this.runs.runDue()).contains(1);
		assertThat(items(ada, "daily-2026-11-30")).containsExactly(early);
		assertThat(items(ada, "daily-2026-12-01")).containsExactlyInAnyOrder(late, next);
	}

	@Test
	void subscribersBeyondOneChunkAreAllServedOnce() {
		List<UUID> subscribers = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			subscribers.add(subscriber("reader" + i + "@example.org", "daily", null, "2026-11-29T00:00:00Z"));
		}
		article("2026-11-29T12:00:00Z");
		this.clock.set("2026-11-29T22:00:00Z");
		assertThat(this.runs.runDue()).contains(2500);
		assertThat(this.jdbc.sql("SELECT COUNT(DISTINCT subscriber_id) FROM mail_delivery WHERE kind = 'DIGEST'")
			.query(Long.class)
			.single()).isEqualTo(2500);
		assertThat(this.runs.runDue()).contains(0);
	}

	private UUID subscriber(String email, String frequency, ZoneId zone, String since, String... categories) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					INSERT INTO subscriber (id, email, email_key, status, all_categories, generation, hard_bounces,
					requested_at, confirmed_at, changed_at, frequency, time_zone, digest_since)
					VALUES (:id, :email, :email, 'CONFIRMED', :all, 1, 0, :since, :since, :since, :frequency, :zone, :since)""")
			.param("id", id)
			.param("email", email)
			.param("all", categories.length == 0)
			.param("since", Instant.parse(since).atOffset(ZoneOffset.UTC))
			.param("frequency", frequency)
			.param("zone", (zone != null) ? zone.getId() : null)
			.update();
		for (String category : categories) {
			this.jdbc.sql("INSERT INTO subscriber_category (subscriber_id, category) VALUES (:id, :category)")
				.params(Map.of("id", id, "category", category))
				.update();
		}
		return id;
	}

	/** An article as the alert service records it, received at the given time. */
	private UUID article(String receivedAt, String... categories) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO article_alert (article_id, version, title, url, language, published_at, retracted,
				received_at) VALUES (:id, 1, 'Title', 'https://news.example/a', 'en', :at, FALSE, :at)""")
			.param("id", id)
			.param("at", Instant.parse(receivedAt).atOffset(ZoneOffset.UTC))
			.update();
		for (String category : categories) {
			this.jdbc.sql("INSERT INTO article_category (article_id, category) VALUES (:id, :category)")
				.params(Map.of("id", id, "category", category.toLowerCase(java.util.Locale.ROOT)))
				.update();
		}
		return id;
	}

	private List<String> digests(UUID subscriber) {
		return this.jdbc
			.sql("SELECT period_key FROM mail_delivery WHERE subscriber_id = :id AND kind = 'DIGEST' ORDER BY id")
			.param("id", subscriber)
			.query(String.class)
			.list();
	}

	private List<UUID> items(UUID subscriber, String period) {
		return this.jdbc.sql("""
				SELECT i.article_id FROM digest_item i JOIN mail_delivery d ON d.id = i.delivery_id
				WHERE d.subscriber_id = :id AND d.period_key = :period""")
			.param("id", subscriber)
			.param("period", period)
			.query(UUID.class)
			.list();
	}

	/** A movable clock, a lock provider on the test database and a meter registry. */
	static class Infrastructure {

		@Bean
		MovableClock clock() {
			return new MovableClock();
		}

		@Bean
		LockProvider lockProvider(DataSource dataSource) {
			return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(dataSource))
				.usingDbTime()
				.build());
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	/** A clock that stands still where the test puts it. */
	static final class MovableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void set(String instant) {
			this.now = Instant.parse(instant);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
