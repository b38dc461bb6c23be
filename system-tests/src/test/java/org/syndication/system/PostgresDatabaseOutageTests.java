package org.syndication.system;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.events.ArticleEvent;
import org.syndication.system.Publisher.Article;
import org.syndication.testsupport.TcpProxy;
import org.syndication.testsupport.WebSubSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each service's database away for 30 s in turn, on PostgreSQL, while an editor
 * publishes, a reader polls the feed and alerts, bounces and pushes go on: a failover or
 * a database restarted for an upgrade, as the services see it (a proxy between each
 * service and its database closes every connection and refuses new ones). The service
 * whose database is away says so (readiness down, 503 problem+json with
 * {@code Retry-After}, never a 500) and comes back by itself; the others go on; and once
 * it is back, every accepted article is on the topic once, in the feed once, alerted once
 * to each reader and pushed to the hub's subscriber, no push repeated.
 */
@Tag("postgres")
@EnabledIfEnvironmentVariable(named = Databases.POSTGRES_URL_VARIABLE, matches = ".+")
@ExtendWith(Cores.Shared.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresDatabaseOutageTests {

	private static final Logger logger = LoggerFactory.getLogger(PostgresDatabaseOutageTests.class);

	private static final Duration OUTAGE = Duration.ofSeconds(30);

	/** How soon the service whose database went away says so in its readiness. */
	private static final Duration NOTICED = Duration.ofSeconds(15);

	private Databases.Proxied databases;

	private TheSystem system;

	private SystemChecks checks;

	@BeforeAll
	void startTheSystem() {
		this.system = TheSystem.start((directory) -> {
			this.databases = Databases.proxied(Databases.postgres());
			return this.databases;
		});
		this.checks = SystemChecks.of(this.system);
	}

	@AfterAll
	void stopTheSystem() {
		if (this.system != null) {
			this.system.close();
		}
	}

	@Test
	@Order(1)
	void publisherDatabaseAwayRefusesWritesWith503UntilItReturnsAndEveryAcceptedArticleGoesOutOnce() {
		Outage outage = new Outage("S1", TheSystem.PUBLISHER, this.system.publisher);
		outage.run(() -> {
		});

		assertThat(outage.refusedWrites()).as("writes refused while the database was away").isNotEmpty();
		outage.assertWentDownAndCameBack();
		outage.assertOthersReadyThroughout(this.system.feed, this.system.notifier);
		outage.assertEveryArticleOnce();
	}

	@Test
	@Order(2)
	void feedDatabaseAwayKeepsFeedsServedFromMemoryAndEveryArticleReachesTheFeedAndTheHubOnce() {
		Outage outage = new Outage("S2", TheSystem.FEED, this.system.feed);
		List<HttpResponse<String>> refused = new ArrayList<>();
		outage.run(() -> {
			// A feed reader asks the hub for a subscription: told to come back.
			try (WebSubSubscriber later = new WebSubSubscriber("S2 later")) {
				refused.add(this.system.feeds.subscribe(outage.feed(), later.callback(), "S2 later"));
			}
		});

		assertThat(refused).allSatisfy(PostgresDatabaseOutageTests::assertComeBackLater);
		assertThat(outage.refusedWrites()).isEmpty();
		// Feeds are served from memory: the feed's instances stay in the load
		// balancer's rotation, and every poll was answered (checked with every
		// outage).
		outage.assertOthersReadyThroughout(this.system.feed, this.system.publisher, this.system.notifier);
		outage.assertEveryArticleOnce();
	}

	@Test
	@Order(3)
	void notifierDatabaseAwayHoldsAlertsBouncesAndDigestsUntilItReturnsThenSendsEachOnce() {
		String bouncing = "s3-bouncing@example.org";
		String daily = "s3-daily@example.org";
		this.system.notifierApi.subscribeAndConfirm(List.of(daily), List.of("s3"), "daily");
		Outage outage = new Outage("S3", TheSystem.NOTIFIER, this.system.notifier, bouncing);
		List<HttpResponse<String>> refused = new ArrayList<>();
		outage.run(() -> {
			// The report of a hard bounce arrives meanwhile, for the first alert.
			Mail first = this.checks.alertsTo(bouncing).get(0);
			this.system.mail.deliver(TheSystem.BOUNCES,
					BounceMail.hardBounce(SystemChecks.returnPath(first), bouncing));
			// A reader signs up and an operator runs the digests: both told to come back.
			refused.add(Http.send(Http.request(this.system.notifier.uri("/api/subscriptions"))
				.header("Content-Type", "application/json")
				.POST(Http.json(Map.of("email", "s3-later@example.org", "categories", List.of("s3"))))
				.build()));
			refused.add(this.system.notifierApi.askForDigests("daily"));
		});

		assertThat(refused).allSatisfy(PostgresDatabaseOutageTests::assertComeBackLater);
		assertThat(outage.refusedWrites()).isEmpty();
		outage.assertWentDownAndCameBack();
		outage.assertOthersReadyThroughout(this.system.publisher, this.system.feed);
		outage.assertEveryArticleOnce();
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.system.notifierApi.suppressions()).containsEntry(bouncing, "bounced"));
		// The digest run refused meanwhile goes now, once, with every article. A run
		// that the outage interrupted keeps its lock until the lock runs out (a minute):
		// meanwhile the operator is told 409, to try again.
		HttpResponse<String> run = await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(5))
			.until(() -> this.system.notifierApi.askForDigests("daily"), (answer) -> answer.statusCode() != 409);
		assertThat(Http.body(Http.expect(200, run)).get("queued").asInt()).isOne();
		Mail digest = await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.checks.alertsTo(daily), (mails) -> !mails.isEmpty())
			.get(0);
		assertThat(digest.part("text/plain")).contains(outage.published().stream().map(Article::title).toList());
		assertThat(this.system.notifierApi.runDigests("daily")).isZero();
		Pause.of(Duration.ofSeconds(2));
		assertThat(this.checks.alertsTo(daily)).hasSize(1);
	}

	/** A refusal that tells the client to come back: 503 problem+json, Retry-After. */
	private static void assertComeBackLater(HttpResponse<String> response) {
		assertThat(response.statusCode())
			.as("%s %s: %s", response.request().method(), response.request().uri(), response.body())
			.isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	/**
	 * One service's database away for {@link #OUTAGE} while an editor publishes an
	 * article every second and a half, a reader polls its category's feed, readers take
	 * its alerts and a feed reader its pushes, and every instance's readiness is probed.
	 */
	private final class Outage {

		private final String scenario;

		private final String category;

		private final String service;

		private final ServiceProcess away;

		private final List<String> readers;

		private final List<HttpResponse<String>> writes = new CopyOnWriteArrayList<>();

		private final List<String> failures = new CopyOnWriteArrayList<>();

		private final Map<ServiceProcess, List<Probe>> probes;

		private volatile boolean running;

		private long cutAt;

		private long restoredAt;

		private List<WebSubSubscriber.Push> pushes = List.of();

		private List<WebSubSubscriber.Push> forgedPushes = List.of();

		Outage(String scenario, String service, ServiceProcess away, String... otherReaders) {
			this.scenario = scenario;
			this.category = scenario.toLowerCase();
			this.service = service;
			this.away = away;
			List<String> readers = new ArrayList<>(List.of(this.category + "-reader@example.org"));
			readers.addAll(Arrays.asList(otherReaders));
			this.readers = List.copyOf(readers);
			this.probes = Map.of(PostgresDatabaseOutageTests.this.system.publisher, new CopyOnWriteArrayList<>(),
					PostgresDatabaseOutageTests.this.system.feed, new CopyOnWriteArrayList<>(),
					PostgresDatabaseOutageTests.this.system.notifier, new CopyOnWriteArrayList<>());
		}

		String feed() {
			return "/feeds/categories/" + this.category + "/atom.xml";
		}

		/**
		 * Starts the traffic, takes the database away once the first article has been
		 * alerted and pushed, runs what is to happen meanwhile, gives it back after
		 * {@link #OUTAGE}, and stops the traffic 10 s later.
		 */
		void run(Runnable meanwhile) {
			TheSystem system = PostgresDatabaseOutageTests.this.system;
			system.notifierApi.subscribeAndConfirm(this.readers, List.of(this.category));
			TcpProxy database = PostgresDatabaseOutageTests.this.databases.proxy(this.service);
			this.running = true;
			List<Thread> traffic = List.of(started(this::publish), started(this::poll), started(this::probe));
			try (WebSubSubscriber subscriber = new WebSubSubscriber(this.scenario + " secret")) {
				// The hub takes subscriptions to feeds that exist: once the first article
				// is in.
				await().atMost(SystemChecks.PATIENCE)
					.pollInterval(Duration.ofMillis(250))
					.until(() -> system.feeds.get(feed()).statusCode() == 200);
				Http.expect(202, system.feeds.subscribe(feed(), subscriber.callback(), this.scenario + " secret"));
				await().atMost(SystemChecks.PATIENCE).until(() -> subscriber.verifications().size() == 1);
				// Live before the cut: an article alerted to every reader, and pushed.
				await().atMost(SystemChecks.PATIENCE)
					.pollInterval(Duration.ofMillis(250))
					.until(() -> this.readers.stream()
						.allMatch((reader) -> !PostgresDatabaseOutageTests.this.checks.alertsTo(reader).isEmpty())
							&& !subscriber.pushes().isEmpty());

				database.cut();
				this.cutAt = System.nanoTime();
				logger.info("{}: the database of {} away", this.scenario, this.service);
				meanwhile.run();
				Pause.of(OUTAGE.minusNanos(System.nanoTime() - this.cutAt));
				database.restore();
				this.restoredAt = System.nanoTime();
				logger.info("{}: the database of {} back after {} s", this.scenario, this.service,
						Duration.ofNanos(this.restoredAt - this.cutAt).toSeconds());
				Pause.of(Duration.ofSeconds(10));
				this.running = false;
				traffic.forEach((thread) -> {
					try {
						thread.join(40_000);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException(ex);
					}
				});
				logger.info("{}: {} writes ({} refused), {} pushes so far", this.scenario, this.writes.size(),
						refusedWrites().size(), subscriber.pushes().size());
				assertThat(this.failures).as("what went wrong for the clients").isEmpty();
				// Every article pushed once the hub has caught up.
				await().atMost(SystemChecks.PATIENCE)
					.pollInterval(Duration.ofMillis(500))
					.until(() -> onTheTopic().stream()
						.allMatch((article) -> subscriber.pushes()
							.stream()
							.anyMatch((push) -> push.text().contains(article.urn()))));
				Pause.of(Duration.ofSeconds(2));
				this.pushes = List.copyOf(subscriber.pushes());
				this.forgedPushes = List.copyOf(subscriber.refused());
			}
			finally {
				this.running = false;
				database.restore();
			}
		}

		private Thread started(Runnable work) {
			Thread thread = new Thread(work, this.scenario + "-traffic");
			thread.setDaemon(true);
			thread.start();
			return thread;
		}

		private void publish() {
			for (int number = 0; this.running; number++) {
				try {
					HttpResponse<String> response = PostgresDatabaseOutageTests.this.system.publisherApi
						.post(SystemChecks.article("%s article %04d".formatted(this.scenario, number), this.category,
								number));
					this.writes.add(response);
					if (response.statusCode() != 201) {
						assertComeBackLater(response);
					}
				}
				catch (RuntimeException | AssertionError ex) {
					this.failures.add("article " + number + ": " + ex);
				}
				Pause.of(Duration.ofMillis(1500));
			}
		}

		private void poll() {
			Feeds feeds = PostgresDatabaseOutageTests.this.system.feeds;
			boolean served = false;
			while (this.running) {
				try {
					HttpResponse<String> response = feeds.get(feed());
					// 404 until the first article is in, 200 from then on.
					served |= response.statusCode() == 200;
					if (response.statusCode() != 200 && (served || response.statusCode() != 404)) {
						this.failures.add("the feed answered " + response.statusCode() + ": " + response.body());
					}
				}
				catch (RuntimeException ex) {
					this.failures.add("the feed: " + ex);
				}
				Pause.of(Duration.ofMillis(250));
			}
		}

		private void probe() {
			while (this.running) {
				this.probes.forEach((instance, probes) -> {
					int status;
					try {
						status = Http
							.send(Http.request(instance.uri("/actuator/health/readiness"))
								.timeout(Duration.ofSeconds(10))
								.build())
							.statusCode();
					}
					catch (RuntimeException ex) {
						status = -1;
					}
					probes.add(new Probe(System.nanoTime(), status));
				});
				Pause.of(Duration.ofMillis(500));
			}
		}

		/** The articles the API accepted. */
		List<Article> published() {
			return this.writes.stream()
				.filter((response) -> response.statusCode() == 201)
				.map((response) -> Article.of(Http.body(response)))
				.toList();
		}

		List<HttpResponse<String>> refusedWrites() {
			return this.writes.stream().filter((response) -> response.statusCode() != 201).toList();
		}

		/**
		 * The scenario's articles on the topic: those accepted, and any whose answer was
		 * a refusal though its transaction was committed as the connection went.
		 */
		private List<Article> onTheTopic() {
			String prefix = this.scenario + " article ";
			return ArticlesTopic.eventsByArticle(PostgresDatabaseOutageTests.this.system.topic.readAll())
				.values()
				.stream()
				.map((events) -> events.get(0))
				.filter((event) -> event.article().title().startsWith(prefix))
				.map((event) -> new Article(event.article().id().toString(), event.article().version(),
						event.article().title()))
				.toList();
		}

		/** The away service's readiness went down soon after the cut, and back up. */
		void assertWentDownAndCameBack() {
			List<Probe> probes = this.probes.get(this.away);
			Probe firstDown = probes.stream()
				.filter((probe) -> probe.at() > this.cutAt && probe.status() != 200)
				.findFirst()
				.orElseThrow(() -> new AssertionError(this.away.name() + " stayed ready while its database was away"));
			assertThat(Duration.ofNanos(firstDown.at() - this.cutAt)).as("time to notice").isLessThan(NOTICED);
			assertThat(firstDown.status()).as("readiness while the database was away").isEqualTo(503);
			assertThat(probes.get(probes.size() - 1).status()).as("readiness 10 s after the database came back")
				.isEqualTo(200);
			logger.info("{}: {} unready {} ms after the cut, ready again {} ms after the database came back",
					this.scenario, this.away.name(), Duration.ofNanos(firstDown.at() - this.cutAt).toMillis(),
					probes.stream()
						.filter((probe) -> probe.at() > this.restoredAt && probe.status() == 200)
						.findFirst()
						.map((probe) -> Duration.ofNanos(probe.at() - this.restoredAt).toMillis())
						.orElse(-1L));
		}

		void assertOthersReadyThroughout(ServiceProcess... instances) {
			for (ServiceProcess instance : instances) {
				assertThat(this.probes.get(instance)).as("readiness of %s", instance.name())
					.isNotEmpty()
					.allSatisfy((probe) -> assertThat(probe.status()).isEqualTo(200));
			}
		}

		/**
		 * Every accepted article on the topic once, in the feed once, alerted once to
		 * each reader and in a push; no push repeated.
		 */
		void assertEveryArticleOnce() {
			List<Article> accepted = published();
			List<Article> onTheTopic = onTheTopic();
			assertThat(onTheTopic).extracting(Article::id)
				.containsAll(accepted.stream().map(Article::id).toList())
				.doesNotHaveDuplicates();
			assertThat(PostgresDatabaseOutageTests.this.checks.assertEveryEventOnceInOrder(onTheTopic, 1))
				.as("events repeated on the topic")
				.isZero();
			PostgresDatabaseOutageTests.this.checks.assertFeedHoldsExactly(feed(), onTheTopic);
			List<Integer> numbers = onTheTopic.stream()
				.map((article) -> Integer.parseInt(article.title().substring(article.title().lastIndexOf(' ') + 1)))
				.toList();
			PostgresDatabaseOutageTests.this.checks.assertOneAlertPerArticle(this.readers.get(0), numbers);
			assertThat(this.forgedPushes).isEmpty();
			Set<String> bodies = new HashSet<>();
			List<String> repeated = this.pushes.stream()
				.map(WebSubSubscriber.Push::text)
				.filter((body) -> !bodies.add(body))
				.collect(Collectors.toList());
			assertThat(repeated).as("pushes repeated").isEmpty();
			logger.info("{}: {} articles accepted, {} on the topic, in the feed and alerted once, in {} pushes",
					this.scenario, accepted.size(), onTheTopic.size(), this.pushes.size());
		}

	}

	private record Probe(long at, int status) {

	}

}
