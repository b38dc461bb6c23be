package org.syndication.notifier.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.links.SubscriptionLinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sign-up over the database, with the mail queue as the outcome: what is queued for whom.
 */
@JdbcTest(properties = { "notifier.token-secret=test-secret-test-secret-test-secret-42",
		"notifier.confirmation-cooldown=10m" })
@Import({ SubscriptionService.class, SubscriberRepository.class, Deliveries.class, SubscriptionLinks.class,
		SubscriptionServiceTests.Config.class })
class SubscriptionServiceTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	@Autowired
	private SubscriptionService subscriptions;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void spellingsOfOneMailboxShareTheConfirmationCooldownAndEachKeepsItsOwnAddress() {
		for (String spelling : List.of("Reader@Example.org", "reader+news@example.org", "\"reader\"@EXAMPLE.ORG",
				"READER+other@example.ORG")) {
			this.subscriptions.subscribe(spelling, List.of(), Frequency.IMMEDIATE, null);
		}
		assertThat(confirmationsQueued()).as("confirmation mails queued").isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT email FROM subscriber ORDER BY email").query(String.class).list())
			.as("the addresses mail goes to, as given")
			.contains("Reader@Example.org", "reader+news@example.org");
	}

	@Test
	void differentMailboxesAreNotHeldBackByEachOthersCooldown() {
		this.subscriptions.subscribe("one@example.org", List.of(), Frequency.IMMEDIATE, null);
		this.subscriptions.subscribe("two@example.org", List.of(), Frequency.IMMEDIATE, null);
		this.subscriptions.subscribe("one@example.net", List.of(), Frequency.IMMEDIATE, null);
		assertThat(confirmationsQueued()).isEqualTo(3);
	}

	@Test
	void onlyCategoriesThatArticlesCameWithOrSlugsMayBeNamedAndAnyOtherNameSubscribesNothing() {
		knownCategories("Culture", "Science & Tech");
		this.subscriptions.subscribe("reader@example.org", List.of("culture", "SCIENCE & TECH"), Frequency.IMMEDIATE,
				null);
		this.subscriptions.subscribe("early@example.org", List.of("new-section-2027"), Frequency.IMMEDIATE, null);
		assertThat(confirmationsQueued()).as("a known category and a slug").isEqualTo(2);

		assertThatThrownBy(() -> this.subscriptions.subscribe("stranger@example.org",
				List.of("culture", "Win a prize at https://evil.example"), Frequency.IMMEDIATE, null))
			.isInstanceOf(UnknownCategoryException.class);
		assertThatThrownBy(() -> this.subscriptions.subscribe("stranger@example.org", List.of("evil.example"),
				Frequency.IMMEDIATE, null))
			.isInstanceOf(UnknownCategoryException.class);
		assertThat(confirmationsQueued()).isEqualTo(2);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM subscriber WHERE email = 'stranger@example.org'")
			.query(Long.class)
			.single()).isZero();
	}

	private void knownCategories(String... categories) {
		for (String category : categories) {
			this.jdbc.sql("INSERT INTO article_category (article_id, category) VALUES (:id, :category)")
				.param("id", java.util.UUID.randomUUID())
				.param("category", category)
				.update();
		}
	}

	private long confirmationsQueued() {
		return this.jdbc.sql("SELECT COUNT(*) FROM mail_delivery WHERE kind = 'CONFIRMATION'")
			.query(Long.class)
			.single();
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NotifierProperties.class)
	static class Config {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
