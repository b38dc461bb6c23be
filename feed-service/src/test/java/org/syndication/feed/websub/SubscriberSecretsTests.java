package org.syndication.feed.websub;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.rendering.FeedFormat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Subscribers' secrets at rest: sealed, opened, and sealed again after a key rotation or
 * when stored as plaintext before.
 */
@JdbcTest(
		properties = "feed.websub.secret-keys=" + SubscriberSecretsTests.NEW_KEY + "," + SubscriberSecretsTests.OLD_KEY)
@Import({ Subscriptions.class, SubscriberSecrets.class })
@EnableConfigurationProperties(HubSettings.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class SubscriberSecretsTests {

	static final String NEW_KEY = "k2:j8UQKXWYpoYj630Sziqydsafveu/gRtiw78QxJASHmI=";

	static final String OLD_KEY = "k1:NKe0adi/nIEY/f9oNhMrrZ4ve1mFzwl2tPZjwXCQ1/k=";

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	@Autowired
	private Subscriptions subscriptions;

	@Autowired
	private SubscriberSecrets secrets;

	@Autowired
	private JdbcClient jdbc;

	@AfterEach
	void empty() {
		this.jdbc.sql("DELETE FROM websub_subscription").update();
	}

	@Test
	void theFirstKeySealsAndEveryKeyOpens() {
		SubscriberSecrets old = secrets(OLD_KEY);
		SubscriberSecrets.Sealed underOld = old.seal("a reader's secret");
		assertThat(underOld.keyId()).isEqualTo("k1");
		assertThat(underOld.value()).doesNotContain("reader");

		SubscriberSecrets rotated = secrets(NEW_KEY, OLD_KEY);
		assertThat(rotated.open(underOld.keyId(), underOld.value())).isEqualTo("a reader's secret");
		SubscriberSecrets.Sealed underNew = rotated.seal("a reader's secret");
		assertThat(underNew.keyId()).isEqualTo("k2");
		assertThat(underNew.value()).isNotEqualTo(rotated.seal("a reader's secret").value());
		assertThat(rotated.open("k2", underNew.value())).isEqualTo("a reader's secret");

		assertThatIllegalStateException().isThrownBy(() -> old.open("k2", underNew.value()))
			.withMessageContaining("no longer holds");
		assertThatIllegalStateException().isThrownBy(() -> rotated.open("k1", underNew.value()))
			.withMessageContaining("cannot be opened");
		assertThat(rotated.open(null, "stored before sealing")).isEqualTo("stored before sealing");
	}

	@Test
	void keysMustBeWellFormedAndOneMustBeThereToSeal() {
		assertThatIllegalArgumentException().isThrownBy(() -> secrets("no-id-here")).withMessageContaining("id:");
		assertThatIllegalArgumentException().isThrownBy(() -> secrets("k1:c2hvcnQ=")).withMessageContaining("bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> secrets(OLD_KEY, OLD_KEY)).withMessageContaining("twice");
		assertThatIllegalStateException().isThrownBy(() -> secrets().seal("secret"))
			.withMessageContaining("secret-keys");
	}

	@Test
	void plaintextAndOldKeySecretsAreSealedAgainUnderTheFirstKey() {
		save("https://reader.example/new", "sealed by the hub");
		insertPlaintext("https://reader.example/legacy", "stored in plaintext");
		SubscriberSecrets.Sealed underOld = secrets(OLD_KEY).seal("sealed under k1");
		insertSealed("https://reader.example/old", underOld);

		assertThat(this.subscriptions.resealSome(500)).isEqualTo(2);
		assertThat(this.subscriptions.resealSome(500)).isZero();

		List<String> stored = this.jdbc.sql("SELECT secret FROM websub_subscription").query(String.class).list();
		assertThat(stored).hasSize(3).noneMatch((secret) -> secret.contains("sealed") || secret.contains("plaintext"));
		assertThat(this.jdbc.sql("SELECT DISTINCT secret_key_id FROM websub_subscription").query(String.class).list())
			.containsExactly("k2");
		assertThat(this.jdbc.sql("SELECT secret, secret_key_id FROM websub_subscription ORDER BY callback")
			.query((rs, row) -> this.secrets.open(rs.getString(2), rs.getString(1)))
			.list()).containsExactly("stored in plaintext", "sealed by the hub", "sealed under k1");
	}

	private void save(String callback, String secret) {
		Topic topic = new Topic("http://localhost:8082/feeds/atom.xml", "http://localhost:8082/feeds/atom.xml",
				FeedKey.all(), FeedFormat.ATOM);
		this.subscriptions.save(new Subscription(topic, callback, secret, Duration.ofHours(1), NOW.plusSeconds(3600)),
				NOW, 1000);
	}

	private void insertPlaintext(String callback, String secret) {
		save(callback, "to be replaced");
		this.jdbc
			.sql("UPDATE websub_subscription SET secret = :secret, secret_key_id = NULL WHERE callback = :callback")
			.param("secret", secret)
			.param("callback", callback)
			.update();
	}

	private void insertSealed(String callback, SubscriberSecrets.Sealed secret) {
		save(callback, "to be replaced");
		this.jdbc
			.sql("UPDATE websub_subscription SET secret = :secret, secret_key_id = :key WHERE callback = :callback")
			.param("secret", secret.value())
			.param("key", secret.keyId())
			.param("callback", callback)
			.update();
	}

	private static SubscriberSecrets secrets(String... keys) {
		HubSettings defaults = HubSettingsFixture.defaults();
		return new SubscriberSecrets(new HubSettings(defaults.enabled(), defaults.defaultLease(), defaults.minLease(),
				defaults.maxLease(), defaults.allowLoopback(), defaults.allowPrivate(),
				defaults.maxSubscriptionsPerHost(), defaults.connectTimeout(), defaults.requestTimeout(),
				defaults.maxChallengeResponse(), defaults.retryFor(), defaults.firstRetry(),
				defaults.maxRetryInterval(), defaults.maxConcurrentPushes(), defaults.pollInterval(),
				defaults.outsideHubs(), defaults.metricsInterval(), defaults.clientRequestsPerMinute(),
				defaults.hostRequestsPerMinute(), defaults.verificationThreads(), defaults.verificationsPerHost(),
				defaults.verificationQueuePerHost(), defaults.verificationTimeout(), List.of(keys)));
	}

}
