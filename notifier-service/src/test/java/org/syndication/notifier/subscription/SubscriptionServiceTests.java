package org.syndication.notifier.subscription;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.syndication.notifier.NotifierProperties;
import org.syndication.notifier.alert.ArticleRepository;
import org.syndication.notifier.delivery.Deliveries;
import org.syndication.notifier.digest.Frequency;
import org.syndication.notifier.links.LinkPurpose;
import org.syndication.notifier.links.SubscriptionLinks;
import org.syndication.notifier.subscription.Subscriber.SubscriberStatus;

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
 * On H2; {@link SubscriptionServicePostgresTests} runs the same tests on PostgreSQL.
 */
@JdbcTest(properties = { "notifier.token-secret=test-secret-test-secret-test-secret-42",
		"notifier.confirmation-cooldown=10m" })
@Import({ SubscriptionService.class, SubscriberRepository.class, SuppressionList.class, ConfirmationCooldowns.class,
		CategoryNames.class, ArticleRepository.class, Deliveries.class, SubscriptionLinks.class,
		SubscriptionServiceTests.Config.class })
class SubscriptionServiceTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final String SECRET = "test-secret-test-secret-test-secret-42";

	@Autowired
	private SubscriptionService subscriptions;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SubscriberRepository repository;

	@Autowired
	private SubscriptionLinks links;

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

	@Test
	void aSecondSignUpForAPendingAddressDoesNotChangeWhatTheFirstAskedForNorWhatItsLinkConfirms() {
		knownCategories("culture");
		this.subscriptions.subscribe("pending@example.org", List.of("culture"), Frequency.DAILY,
				ZoneId.of("Europe/Berlin"));
		Subscriber asked = subscriber("pending@example.org");
		String confirmToken = token(this.links.confirmUrl(asked.id(), asked.generation(), asked.requestedAt()));

		this.subscriptions.subscribe("pending@example.org", List.of(), Frequency.WEEKLY, null);

		assertThat(this.subscriptions.confirm(confirmToken)).isPresent();
		Subscriber confirmed = subscriber("pending@example.org");
		String manage = token(this.subscriptions.manageUrl(confirmed.id()).orElseThrow());
		assertThat(this.subscriptions.view(manage, LinkPurpose.MANAGE)).as("the preference link, at once").isPresent();
		assertThat(confirmed.categories()).containsExactly("culture");
		assertThat(confirmed.frequency()).isEqualTo(Frequency.DAILY);
		assertThat(confirmed.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
	}

	@Test
	void manageAndUnsubscribeLinksOfAnEndedSubscriptionDoNothingForTheNextSubscriptionOfTheAddress() {
		this.subscriptions.subscribe("again@example.org", List.of(), Frequency.IMMEDIATE, null);
		Subscriber first = subscriber("again@example.org");
		this.subscriptions.confirm(token(this.links.confirmUrl(first.id(), first.generation(), first.requestedAt())));
		String oldUnsubscribe = token(this.links.unsubscribeUrl(first.id(), first.generation()));
		String oldManage = token(this.links.manageUrl(first.id(), first.generation(), NOW));
		assertThat(this.subscriptions.unsubscribe(oldUnsubscribe)).isPresent();

		this.subscriptions.subscribe("again@example.org", List.of(), Frequency.IMMEDIATE, null);
		Subscriber second = subscriber("again@example.org");
		assertThat(second.generation()).isGreaterThan(first.generation());
		this.subscriptions
			.confirm(token(this.links.confirmUrl(second.id(), second.generation(), second.requestedAt())));

		assertThat(this.subscriptions.view(oldManage, LinkPurpose.MANAGE)).isEmpty();
		assertThat(this.subscriptions.changePreferences(oldManage, List.of("politics"), Frequency.WEEKLY, null))
			.isEmpty();
		assertThat(this.subscriptions.unsubscribe(oldUnsubscribe)).isEmpty();
		assertThat(this.subscriptions.isForAnEndedSubscription(oldUnsubscribe, LinkPurpose.UNSUBSCRIBE)).isTrue();
		assertThat(this.subscriptions.isForAnEndedSubscription(oldManage, LinkPurpose.MANAGE)).isTrue();
		String current = token(this.links.unsubscribeUrl(second.id(), second.generation()));
		assertThat(this.subscriptions.isForAnEndedSubscription(current, LinkPurpose.UNSUBSCRIBE)).isFalse();
		Subscriber after = subscriber("again@example.org");
		assertThat(after.status()).isEqualTo(SubscriberStatus.CONFIRMED);
		assertThat(after.frequency()).isEqualTo(Frequency.IMMEDIATE);
	}

	@Test
	void anUnsubscribeLinkMadeBeforeLinksWereBoundStillUnsubscribesButSuchAPreferenceLinkIsRefused() {
		this.subscriptions.subscribe("early-reader@example.org", List.of(), Frequency.IMMEDIATE, null);
		Subscriber subscriber = subscriber("early-reader@example.org");
		this.subscriptions
			.confirm(token(this.links.confirmUrl(subscriber.id(), subscriber.generation(), subscriber.requestedAt())));

		assertThat(this.subscriptions.view(unboundToken(LinkPurpose.MANAGE, subscriber.id()), LinkPurpose.MANAGE))
			.isEmpty();
		assertThat(this.subscriptions.unsubscribe(unboundToken(LinkPurpose.UNSUBSCRIBE, subscriber.id()))).isPresent();
		assertThat(subscriber("early-reader@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
	}

	/**
	 * A token as the links of mails carried it before they were bound to a subscription:
	 * generation 0, no expiry, signed with the token secret.
	 */
	private static String unboundToken(LinkPurpose purpose, UUID subscriberId) {
		ByteBuffer token = ByteBuffer.allocate(1 + 16 + 4 + 8 + 16);
		token.put((byte) purpose.ordinal());
		token.putLong(subscriberId.getMostSignificantBits());
		token.putLong(subscriberId.getLeastSignificantBits());
		token.putInt(0);
		token.putLong(Instant.MAX.minusSeconds(1).getEpochSecond());
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(token.array(), 0, token.position());
			token.put(Arrays.copyOf(mac.doFinal(), 16));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
	}

	private Subscriber subscriber(String email) {
		return this.repository.findByEmailKeyForUpdate(email).orElseThrow();
	}

	private static String token(String url) {
		return url.substring(url.indexOf("token=") + "token=".length());
	}

	private void knownCategories(String... categories) {
		for (String category : categories) {
			this.jdbc.sql("INSERT INTO article_category (article_id, category) VALUES (:id, :category)")
				.param("id", UUID.randomUUID())
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
