package org.syndication.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syndication.localstack.KafkaBrokerProcess;
import org.syndication.localstack.KafkaCredentials;
import org.syndication.localstack.Packages;
import org.syndication.system.Publisher.Article;
import org.syndication.system.TheSystem.Topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system scaled out: a 3-node Kafka cluster (topics with 3 replicas, writes need 2)
 * and two instances of every service, each pair sharing its service's database (but
 * packages-service, which has none) and consumer group.
 */
@ExtendWith(Cores.Shared.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ScaledOutScenarios {

	private static final Logger logger = LoggerFactory.getLogger(ScaledOutScenarios.class);

	TheSystem system;

	SystemChecks checks;

	abstract Function<Path, Databases> databases();

	@BeforeAll
	void startTheSystem() {
		this.system = TheSystem.start(databases(), new Topology(3, 2));
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
	void twoInstancesOfEachServiceShareTheWorkWithoutDuplicatingAnEventItemOrMail() {
		for (String group : List.of(TheSystem.FEED, TheSystem.NOTIFIER)) {
			await().atMost(SystemChecks.PATIENCE)
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertSplitBetweenTwo(this.system.topic.assignments(group)));
		}
		String reader = "s8-reader@example.org";
		new Notifier(this.system.notifiers.get(1), this.system.mail, this.system.apiToken)
			.subscribeAndConfirm(List.of(reader), List.of("s8-0", "s8-1", "s8-2", "s8-3"));

		int count = 100;
		List<Article> articles = Concurrently.call(4, count,
				(i) -> this.system.publisherApi(this.system.publishers.get(i % 2))
					.create(SystemChecks.article("S8 article %04d".formatted(i), "s8-" + (i % 4), i)));

		for (ServiceProcess instance : this.system.feedInstances) {
			for (int category = 0; category < 4; category++) {
				int inCategory = category;
				this.checks.assertFeedHoldsExactly(new Feeds(instance),
						"/feeds/categories/s8-" + category + "/atom.xml",
						IntStream.range(0, count).filter((i) -> i % 4 == inCategory).mapToObj(articles::get).toList());
			}
		}
		this.checks.assertOneAlertPerArticle(reader, count);
		// Two relays share one outbox, one at a time: no event goes out twice.
		assertThat(this.checks.assertEveryEventOnceInOrder(articles, 1)).isZero();
	}

	@Test
	@Order(2)
	void everyFeedInstanceServesAChangeWithinASecondOfTheOther() {
		Article probe = this.system.publisherApi.create(SystemChecks.article("S8 article 0100", "s8-probe", 100));
		List<Feeds> instances = this.system.feedInstances.stream().map(Feeds::new).toList();
		long[] seen = new long[instances.size()];
		await().atMost(SystemChecks.PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
			for (int i = 0; i < instances.size(); i++) {
				if (seen[i] == 0
						&& instances.get(i).entryIds("/feeds/categories/s8-probe/atom.xml").contains(probe.urn())) {
					seen[i] = System.nanoTime();
				}
			}
			return seen[0] != 0 && seen[1] != 0;
		});
		Duration apart = Duration.ofNanos(Math.abs(seen[0] - seen[1]));
		logger.info("Scenario 8: the second feed instance served the change {} ms after the first", apart.toMillis());
		assertThat(apart).isLessThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	@Order(3)
	void oneOfThreeBrokersKilledMidStreamLosesNothing() {
		String reader = "s7-reader@example.org";
		this.system.notifierApi.subscribeAndConfirm(List.of(reader), List.of("s7"));
		// Two editors publish one article after the other on both publisher instances,
		// while the leader of a partition is killed and later comes back.
		CompletableFuture<List<Article>> stream = CompletableFuture.supplyAsync(
				() -> Concurrently.call(2, 45, (i) -> this.system.publisherApi(this.system.publishers.get(i % 2))
					.create(SystemChecks.article("S7 article %04d".formatted(i), "s7", i))));
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.system.feeds.entryIds("/feeds/categories/s7/atom.xml").size() >= 10);
		KafkaBrokerProcess leader = this.system.kafka.node(this.system.topic.leaderOf(0));
		leader.kill();
		logger.info("Scenario 7: broker {} (leader of articles-0) killed", leader.nodeId());
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.system.feeds.entryIds("/feeds/categories/s7/atom.xml").size() >= 25);
		leader.start();
		logger.info("Scenario 7: broker {} back", leader.nodeId());
		List<Article> articles = stream.join();

		for (ServiceProcess instance : this.system.feedInstances) {
			this.checks.assertFeedHoldsExactly(new Feeds(instance), "/feeds/categories/s7/atom.xml", articles);
		}
		this.checks.assertOneAlertPerArticle(reader, articles.size());
		this.checks.assertEveryEventOnceInOrder(articles, 1);
	}

	/**
	 * Scenario 12: two instances of packages-service share the packages' work; one killed
	 * mid-stream (SIGKILL) leaves a partner reading committed records exactly every
	 * article once, in the package and nothing else: the killed instance's open
	 * transactions are aborted, and its tasks resume on the other from their last commit.
	 */
	@Test
	@Order(4)
	void oneOfTwoPackagesInstancesKilledMidStreamLosesAndDuplicatesNothingAPartnerSees() {
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertSplitBetweenTwo(this.system.topic.assignments(TheSystem.PACKAGES)));
		Map<String, Object> adminConfig = this.system.kafka.clientConfig(KafkaCredentials.ADMIN);
		try (Admin admin = Admin.create(adminConfig)) {
			Packages.asAdministrator(admin, adminConfig)
				.add(new Packages.Definition("s12", List.of("s12"), List.of(), List.of(), null));
		}
		// Filled (nothing to fill yet) by each of the three tasks before the stream.
		this.system.awaitPackageFilled("s12");
		Map<String, Object> reader = new HashMap<>(adminConfig);
		reader.put(ConsumerConfig.GROUP_ID_CONFIG, "s12-reader");
		try (PackageWatch watch = new PackageWatch(reader, "articles.pkg.s12")) {
			CompletableFuture<List<Article>> stream = CompletableFuture.supplyAsync(() -> Concurrently.call(2, 60,
					(i) -> this.system.publisherApi(this.system.publishers.get(i % 2))
						.create(SystemChecks.article("S12 article %04d".formatted(i), (i % 3 == 0) ? "s12-not" : "s12",
								i))));
			await().atMost(SystemChecks.PATIENCE)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> watch.records().size() >= 10);
			ServiceProcess killed = this.system.packagers.get(0);
			killed.kill();
			logger.info("Scenario 12: {} killed after {} records on the package", killed.name(),
					watch.records().size());
			List<Article> articles = stream.join();
			List<String> expected = IntStream.range(0, articles.size())
				.filter((i) -> i % 3 != 0)
				.mapToObj((i) -> articles.get(i).id())
				.toList();
			await().atMost(SystemChecks.PATIENCE)
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(
						() -> assertThat(watch.records()).extracting(ArticlesTopic.Record::key).containsAll(expected));
			killed.start();
			// Anything late shows up meanwhile.
			Pause.of(Duration.ofSeconds(2));
			assertThat(watch.records()).extracting(ArticlesTopic.Record::key)
				.containsExactlyInAnyOrderElementsOf(expected);
			assertThat(watch.records()).extracting((record) -> record.event().article().categories())
				.allSatisfy((categories) -> assertThat(categories).containsExactly("s12"));
		}
	}

	private static void assertSplitBetweenTwo(Map<String, Set<Integer>> assignments) {
		assertThat(assignments).hasSize(2);
		assertThat(assignments.values()).allSatisfy((partitions) -> assertThat(partitions).isNotEmpty());
		List<Integer> all = assignments.values().stream().flatMap(Set::stream).toList();
		assertThat(all).containsExactlyInAnyOrder(0, 1, 2);
	}

}
