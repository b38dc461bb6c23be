package org.syndication.feed.websub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.feed.Http;
import org.syndication.feed.documents.FeedCache;
import org.syndication.testsupport.RawHttp;
import org.syndication.testsupport.TopicWriter;
import org.syndication.testsupport.WebSubSubscriber;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub as a feed reader meets it: discovery from a feed, subscription, verification of
 * intent, signed pushes of every change, leases, unsubscription, retries and refusals.
 */
@FeedIntegrationTest
class WebSubHubTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final String BASE = "http://localhost:8082";

	private static final String HUB = BASE + "/hub";

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Subscriptions subscriptions;

	@Autowired
	private PushClaims pushClaims;

	@Autowired
	private FeedCache feedCache;

	@Autowired
	private CallbackClient callbackClient;

	@Autowired
	private HubSettings settings;

	private TopicWriter topic;

	private Http http;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeEach
	void openTopic() {
		this.topic = new TopicWriter(this.broker.getBrokersAsString());
		this.http = new Http(this.port);
	}

	@AfterEach
	void closeTopic() {
		this.topic.close();
	}

	@Test
	void everyFeedAdvertisesTheHubAndItsOwnAddress() {
		String category = publish("discovery");
		String path = "/feeds/categories/" + category + "/";

		HttpResponse<byte[]> atom = this.http.get(path + "atom.xml");
		assertThat(atom.headers().firstValue("Link"))
			.hasValue("<" + HUB + ">; rel=\"hub\", <" + BASE + path + "atom.xml>; rel=\"self\"");
		assertThat(new String(atom.body(), StandardCharsets.UTF_8)).contains("<link rel=\"hub\" href=\"" + HUB + "\"")
			.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"" + BASE + path + "atom.xml\"");
		assertThat(this.http.body(path + "rss.xml")).contains("<atom:link href=\"" + HUB + "\" rel=\"hub\"");
		assertThat(this.http.body(path + "feed.json"))
			.contains("\"hubs\":[{\"type\":\"WebSub\",\"url\":\"" + HUB + "\"}]");
		assertThat(this.http.head("/feeds/categories/" + category.toUpperCase() + "/feed.json")
			.headers()
			.firstValue("Link")).hasValue("<" + HUB + ">; rel=\"hub\", <" + BASE + path + "feed.json>; rel=\"self\"");
	}

	@Test
	void verifiedSubscriberReceivesEachChangeSignedWithItsSecret() {
		String category = publish("signed");
		String topicUrl = BASE + "/feeds/categories/" + category + "/atom.xml";
		try (WebSubSubscriber subscriber = new WebSubSubscriber("a secret of the reader's")) {
			assertThat(subscribe(subscriber, topicUrl, Map.of("hub.secret", "a secret of the reader's")).statusCode())
				.isEqualTo(202);
			await().atMost(PATIENCE).until(() -> isSubscribed(subscriber, topicUrl));
			Map<String, String> verification = subscriber.verifications().get(0);
			assertThat(verification).containsEntry("hub.mode", "subscribe")
				.containsEntry("hub.topic", topicUrl)
				.containsEntry("hub.lease_seconds", "864000")
				.containsEntry("reader", "1")
				.containsKey("hub.challenge");

			ArticleEvents.Builder article = ArticleEvents.article().title("Pushed at once").categories(category);
			this.topic.send(article.published());

			await().atMost(PATIENCE).until(() -> !subscriber.pushes().isEmpty());
			WebSubSubscriber.Push push = subscriber.pushes().get(0);
			assertThat(push.text()).contains("Pushed at once").contains("urn:uuid:" + article.id());
			assertThat(push.text()).isEqualTo(this.http.body("/feeds/categories/" + category + "/atom.xml"));
			assertThat(push.contentType()).isEqualTo("application/atom+xml;charset=utf-8");
			assertThat(push.link()).isEqualTo("<" + HUB + ">; rel=\"hub\", <" + topicUrl + ">; rel=\"self\"");
			assertThat(push.signature()).matches("sha256=[0-9a-f]{64}");
			assertThat(subscriber.refused()).isEmpty();

			byte[] tampered = push.text().replace("Pushed at once", "Forged").getBytes(StandardCharsets.UTF_8);
			assertThat(subscriber.forge(tampered, push.signature())).isEqualTo(403);
			assertThat(subscriber.refused()).hasSize(1);
			assertThat(subscriber.pushes()).hasSize(1);
		}
	}

	@Test
	void subscribersSecretsAreStoredEncryptedAndStillSignThePushes() {
		String category = publish("sealed");
		String topicUrl = BASE + "/feeds/categories/" + category + "/atom.xml";
		String secret = "the reader's own secret " + UUID.randomUUID();
		try (WebSubSubscriber subscriber = new WebSubSubscriber(secret)) {
			subscribe(subscriber, topicUrl, Map.of("hub.secret", secret));
			await().atMost(PATIENCE).until(() -> isSubscribed(subscriber, topicUrl));

			String stored = this.jdbc.sql("SELECT secret FROM websub_subscription WHERE callback = :callback")
				.param("callback", subscriber.callback())
				.query(String.class)
				.single();
			assertThat(stored).isNotBlank().doesNotContain(secret).doesNotContain("reader's own");

			this.topic.send(ArticleEvents.article().title("Signed all the same").categories(category).published());
			await().atMost(PATIENCE).until(() -> !subscriber.pushes().isEmpty());
			assertThat(subscriber.pushes().get(0).signature()).matches("sha256=[0-9a-f]{64}");
			assertThat(subscriber.refused()).isEmpty();
		}
	}

	@Test
	void noSubscriptionWithoutTheChallengeEchoed() {
		String category = publish("unconfirmed");
		String topicUrl = BASE + "/feeds/categories/" + category + "/rss.xml";
		try (WebSubSubscriber silent = new WebSubSubscriber(null);
				WebSubSubscriber confirming = new WebSubSubscriber(null)) {
			silent.confirms(false);
			assertThat(subscribe(silent, topicUrl, Map.of()).statusCode()).isEqualTo(202);
			await().atMost(PATIENCE).until(() -> !silent.verifications().isEmpty());
			subscribe(confirming, topicUrl, Map.of());
			await().atMost(PATIENCE).until(() -> isSubscribed(confirming, topicUrl));

			this.topic.send(ArticleEvents.article().title("Only for the confirmed").categories(category).published());

			await().atMost(PATIENCE).until(() -> !confirming.pushes().isEmpty());
			assertThat(confirming.pushes().get(0).text()).contains("Only for the confirmed");
			assertThat(isSubscribed(silent, topicUrl)).isFalse();
			assertThat(silent.pushes()).isEmpty();
		}
	}

	@Test
	void leaseEndsTheSubscriptionAndUnsubscribingEndsItAtOnce() {
		String category = publish("leases");
		String topicUrl = BASE + "/feeds/categories/" + category + "/feed.json";
		try (WebSubSubscriber shortLease = new WebSubSubscriber(null);
				WebSubSubscriber leaving = new WebSubSubscriber(null);
				WebSubSubscriber staying = new WebSubSubscriber(null)) {
			subscribe(shortLease, topicUrl, Map.of("hub.lease_seconds", "1"));
			subscribe(leaving, topicUrl, Map.of());
			subscribe(staying, topicUrl, Map.of());
			await().atMost(PATIENCE)
				.until(() -> isSubscribed(shortLease, topicUrl) && isSubscribed(leaving, topicUrl)
						&& isSubscribed(staying, topicUrl));
			assertThat(shortLease.verifications().get(0)).containsEntry("hub.lease_seconds", "1");

			assertThat(hub(Map.of("hub.mode", "unsubscribe", "hub.topic", topicUrl, "hub.callback", leaving.callback()))
				.statusCode()).isEqualTo(202);
			await().atMost(PATIENCE).until(() -> !isSubscribed(leaving, topicUrl));
			assertThat(leaving.verifications().get(1)).containsEntry("hub.mode", "unsubscribe")
				.doesNotContainKey("hub.lease_seconds");
			await().pollDelay(Duration.ofMillis(1100)).atMost(PATIENCE).until(() -> true);

			this.topic.send(ArticleEvents.article().title("After the lease").categories(category).published());

			await().atMost(PATIENCE).until(() -> !staying.pushes().isEmpty());
			assertThat(staying.pushes().get(0).text()).contains("After the lease");
			assertThat(shortLease.pushes()).isEmpty();
			assertThat(leaving.pushes()).isEmpty();
		}
	}

	@Test
	void failingCallbackIsTriedAgainAndA410EndsItsSubscription() {
		String category = publish("retries");
		String topicUrl = BASE + "/feeds/categories/" + category + "/atom.xml";
		try (WebSubSubscriber flaky = new WebSubSubscriber(null)) {
			subscribe(flaky, topicUrl, Map.of());
			await().atMost(PATIENCE).until(() -> isSubscribed(flaky, topicUrl));
			flaky.answerPushesWith(500, 503);

			this.topic.send(ArticleEvents.article().title("Third time lucky").categories(category).published());

			await().atMost(PATIENCE).until(() -> flaky.pushes().size() >= 3);
			assertThat(flaky.pushes()).allSatisfy((push) -> assertThat(push.text()).contains("Third time lucky"));
			await().atMost(PATIENCE).until(() -> pendingPushes(category) == 0);

			flaky.answerPushesWith(410);
			this.topic.send(ArticleEvents.article().title("Gone").categories(category).published());
			await().atMost(PATIENCE).until(() -> !isSubscribed(flaky, topicUrl));
			int received = flaky.pushes().size();

			this.topic.send(ArticleEvents.article().title("Nobody listens").categories(category).published());
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(this.http.body("/feeds/categories/" + category + "/atom.xml"))
					.contains("Nobody listens"));
			assertThat(pendingPushes(category)).isZero();
			assertThat(flaky.pushes()).hasSize(received);
		}
	}

	@Test
	void twoInstancesSharingTheDatabasePushEachChangeOnce() throws Exception {
		String category = publish("two-instances");
		String topicUrl = BASE + "/feeds/categories/" + category + "/atom.xml";
		List<WebSubSubscriber> subscribers = new ArrayList<>();
		// A second instance's sender, on the same database and feeds, looking for due
		// pushes as often as this one.
		PushDistribution other = new PushDistribution(this.pushClaims, this.feedCache, this.callbackClient,
				this.settings, Clock.systemUTC(), new SimpleMeterRegistry());
		other.start();
		try {
			for (int i = 0; i < 40; i++) {
				WebSubSubscriber subscriber = new WebSubSubscriber(null);
				subscribers.add(subscriber);
				subscribe(subscriber, topicUrl, Map.of());
			}
			await().atMost(PATIENCE).until(() -> subscribers.stream().allMatch((s) -> isSubscribed(s, topicUrl)));

			this.topic.send(ArticleEvents.article().title("Once each").categories(category).published());
			other.wake();

			await().atMost(PATIENCE).until(() -> subscribers.stream().allMatch((s) -> !s.pushes().isEmpty()));
			await().atMost(PATIENCE).until(() -> pendingPushes(category) == 0);
			assertThat(subscribers).allSatisfy((subscriber) -> assertThat(subscriber.pushes()).hasSize(1));
		}
		finally {
			other.stop();
			subscribers.forEach(WebSubSubscriber::close);
		}
	}

	@Test
	void refusesTopicsThatAreNotItsFeedsAndCallbacksItMustNotCall() {
		String topicUrl = BASE + "/feeds/atom.xml";
		publish("refusals");
		assertRefused(Map.of("hub.mode", "subscribe", "hub.topic", "https://elsewhere.example/feed.xml", "hub.callback",
				"https://reader.example/cb"), 400, "hub.topic is not a feed of this hub");
		assertRefused(Map.of("hub.mode", "subscribe", "hub.topic", BASE + "/feeds/categories/never-written/atom.xml",
				"hub.callback", "https://reader.example/cb"), 400, "hub.topic is not a feed of this hub");
		assertRefused(Map.of("hub.mode", "publish", "hub.topic", topicUrl, "hub.callback", "https://reader.example/cb"),
				400, "hub.mode must be subscribe or unsubscribe");
		assertRefused(Map.of("hub.topic", topicUrl, "hub.callback", "https://reader.example/cb"), 400,
				"hub.mode is missing");
		assertRefused(Map.of("hub.mode", "subscribe", "hub.topic", topicUrl, "hub.callback",
				"https://reader.example/cb", "hub.secret", "s".repeat(200)), 400,
				"hub.secret must be 1 to 199 bytes long");
		assertRefused(Map.of("hub.mode", "subscribe", "hub.topic", topicUrl, "hub.callback",
				"https://reader.example/cb", "hub.lease_seconds", "forever"), 400,
				"hub.lease_seconds must be a whole number");
		assertRefused(subscription(topicUrl, "file:///etc/passwd"), 400, "must be an http or https URL");
		assertRefused(subscription(topicUrl, "gopher://reader.example/"), 400, "must be an http or https URL");
		assertRefused(subscription(topicUrl, "http://user:password@reader.example/"), 400, "user information");
		assertRefused(subscription(topicUrl, "http://10.1.2.3/cb"), 400, "resolves to a private address 10.1.2.3");
		assertRefused(subscription(topicUrl, "http://192.168.0.10:8080/cb"), 400, "a private address");
		assertRefused(subscription(topicUrl, "http://169.254.169.254/latest/meta-data/"), 400, "a link-local address");
		assertRefused(subscription(topicUrl, "http://[fe80::1]/cb"), 400, "a link-local address");
		assertRefused(subscription(topicUrl, "http://[fd00::1]/cb"), 400, "a private address");
		assertRefused(subscription(topicUrl, "http://224.0.0.1/cb"), 400, "a multicast address");
		assertRefused(subscription(topicUrl, "http://0.0.0.0/cb"), 400, "an unspecified or broadcast address");
		assertRefused(subscription(topicUrl, "http://no-such-host.invalid/cb"), 400, "is not known");

		HttpResponse<String> json = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/hub"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(json.statusCode()).isEqualTo(415);
		assertThat(count("SELECT COUNT(*) FROM websub_subscription WHERE callback_host IN "
				+ "('10.1.2.3', '169.254.169.254', 'reader.example')"))
			.isZero();
	}

	@Test
	void callbacksThatNeverAnswerDoNotHoldUpAnotherHostsVerification() throws IOException {
		String category = publish("held-up");
		String topicUrl = BASE + "/feeds/categories/" + category + "/atom.xml";
		// Takes connections (the kernel's backlog does) and never answers a request.
		try (ServerSocket silent = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.2"));
				WebSubSubscriber honest = new WebSubSubscriber(null)) {
			for (int i = 0; i < 12; i++) {
				String callback = "http://127.0.0.2:" + silent.getLocalPort() + "/cb/" + i;
				assertThat(hub(subscription(topicUrl, callback)).statusCode()).isEqualTo(202);
			}
			assertThat(subscribe(honest, topicUrl, Map.of()).statusCode()).isEqualTo(202);

			await().atMost(Duration.ofSeconds(3)).until(() -> isSubscribed(honest, topicUrl));
		}
	}

	@Test
	void requestsBeyondTheRateOfOneCallbackHostAreAnswered429() {
		String topicUrl = BASE + "/feeds/atom.xml";
		publish("host-rate");
		// A refused callback counts too: checking it is what the limit saves. Each
		// request
		// from another client, so that only the host's limit can be reached.
		String callback = "http://10.77.0.1/cb";
		for (int i = 0; i < FeedIntegrationTest.HUB_REQUESTS_PER_MINUTE; i++) {
			assertThat(rawHub("127.0.1." + (i % 250 + 1), subscription(topicUrl, callback)).status())
				.as("request %d", i)
				.isEqualTo(400);
		}
		RawHttp.Response limited = rawHub("127.0.2.1", subscription(topicUrl, "http://10.77.0.1:8080/other"));
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Content-Type")).hasValue("application/problem+json");
		assertThat(limited.header("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
		assertThat(limited.body()).contains("10.77.0.1");
	}

	@Test
	void requestsBeyondTheRateOfOneClientAreAnswered429() {
		String topicUrl = BASE + "/feeds/atom.xml";
		publish("client-rate");
		// From the IPv6 loopback address, a client no other test is; each request names
		// another callback host, so that only the client's limit can be reached.
		URI hub = URI.create("http://[::1]:" + this.port + "/hub");
		for (int i = 0; i < FeedIntegrationTest.HUB_REQUESTS_PER_MINUTE; i++) {
			String callback = "http://10.78." + (i / 250) + "." + (i % 250 + 1) + "/cb";
			assertThat(hub(hub, subscription(topicUrl, callback)).statusCode()).as("request %d", i).isEqualTo(400);
		}
		HttpResponse<String> limited = hub(hub, subscription(topicUrl, "http://10.78.9.9/cb"));
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(hub(subscription(topicUrl, "http://10.78.9.9/cb")).statusCode()).as("another client").isEqualTo(400);
	}

	@Test
	void oneCallbackSpelledManyWaysIsSubscribedAndPushedToOnce() {
		String category = publish("spellings");
		String topicUrl = BASE + "/feeds/categories/" + category + "/atom.xml";
		try (WebSubSubscriber subscriber = new WebSubSubscriber(null)) {
			String callback = subscriber.callback();
			List<String> spellings = List.of(callback, callback.replace("http://", "HTTP://"),
					callback.replace("/websub", "/%77ebsub"), callback.replace("reader=1", "reader=%31"),
					callback.replace("http://", "hTTp://").replace("/websub?reader", "/%77%65bsub?%72eader"));
			for (String spelling : spellings) {
				assertThat(hub(subscription(topicUrl, spelling)).statusCode()).as(spelling).isEqualTo(202);
			}
			await().atMost(PATIENCE).until(() -> subscriber.verifications().size() == spellings.size());
			await().atMost(PATIENCE).until(() -> isSubscribed(subscriber, topicUrl));
			assertThat(count("SELECT COUNT(*) FROM websub_subscription WHERE topic = '" + topicUrl + "'")).isOne();

			this.topic.send(ArticleEvents.article().title("Pushed once").categories(category).published());

			await().atMost(PATIENCE).until(() -> !subscriber.pushes().isEmpty());
			await().atMost(PATIENCE).until(() -> pendingPushes(category) == 0);
			assertThat(subscriber.pushes()).hasSize(1);
		}
	}

	@Test
	void subscriptionsPerCallbackHostAreBounded() {
		String host = "bounded-" + UUID.randomUUID() + ".example";
		Topic topic = new Topic(BASE + "/feeds/atom.xml", BASE + "/feeds/atom.xml",
				org.syndication.feed.catalog.FeedKey.all(), org.syndication.feed.rendering.FeedFormat.ATOM);
		java.time.Instant now = java.time.Instant.now();
		for (int i = 0; i < 3; i++) {
			Subscription subscription = new Subscription(topic, "https://" + host + "/cb/" + i, null,
					Duration.ofHours(1), now.plus(Duration.ofHours(1)));
			assertThat(this.subscriptions.save(subscription, now, 2)).as("subscription %d", i).isEqualTo(i < 2);
		}
		Subscription renewal = new Subscription(topic, "https://" + host + "/cb/0", "new secret", Duration.ofHours(2),
				now.plus(Duration.ofHours(2)));
		assertThat(this.subscriptions.save(renewal, now, 2)).as("a renewal at the limit").isTrue();
		assertThat(this.subscriptions.countForHost(host)).isEqualTo(2);
		// Nobody answers at that host: the subscriptions go, so as not to be pushed to.
		this.jdbc.sql("DELETE FROM websub_subscription WHERE callback_host = :host").param("host", host).update();
	}

	/** A new category with one article in it. */
	private String publish(String prefix) {
		String category = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		ArticleEvents.Builder article = ArticleEvents.article().categories(category);
		this.topic.send(article.published());
		await().atMost(PATIENCE)
			.until(() -> this.http.get("/feeds/categories/" + category + "/atom.xml").statusCode() == 200);
		return category;
	}

	private boolean isSubscribed(WebSubSubscriber subscriber, String topicUrl) {
		return count("SELECT COUNT(*) FROM websub_subscription WHERE callback = '" + subscriber.callback()
				+ "' AND topic = '" + topicUrl + "'") == 1;
	}

	private int pendingPushes(String category) {
		return count("SELECT COUNT(*) FROM websub_delivery d JOIN websub_subscription s ON s.id = d.subscription_id "
				+ "WHERE s.feed_key = 'category:" + category + "'");
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

	private HttpResponse<String> subscribe(WebSubSubscriber subscriber, String topicUrl, Map<String, String> more) {
		Map<String, String> form = new LinkedHashMap<>(
				Map.of("hub.mode", "subscribe", "hub.topic", topicUrl, "hub.callback", subscriber.callback()));
		form.putAll(more);
		return hub(form);
	}

	private static Map<String, String> subscription(String topicUrl, String callback) {
		return Map.of("hub.mode", "subscribe", "hub.topic", topicUrl, "hub.callback", callback);
	}

	private void assertRefused(Map<String, String> form, int status, String detail) {
		HttpResponse<String> response = hub(form);
		assertThat(response.statusCode()).as(form.toString()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).as(form.toString()).contains(detail);
	}

	private RawHttp.Response rawHub(String client, Map<String, String> form) {
		return new RawHttp(this.port).from(client)
			.post("/hub", "application/x-www-form-urlencoded", form(form).getBytes(StandardCharsets.US_ASCII));
	}

	private static String form(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((field) -> UriUtils.encodeQueryParam(field.getKey(), StandardCharsets.UTF_8) + "="
					+ UriUtils.encodeQueryParam(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private HttpResponse<String> hub(Map<String, String> form) {
		return hub(URI.create("http://127.0.0.1:" + this.port + "/hub"), form);
	}

	private HttpResponse<String> hub(URI hub, Map<String, String> form) {
		String body = form(form);
		return send(HttpRequest.newBuilder(hub)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
