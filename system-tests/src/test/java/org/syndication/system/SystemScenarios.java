package org.syndication.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.AuthorizationException;
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
import org.syndication.localstack.KafkaCredentials;
import org.syndication.localstack.KafkaUser;
import org.syndication.localstack.Packages;
import org.syndication.localstack.Partners;
import org.syndication.system.Publisher.Article;
import org.syndication.testsupport.WebSubSubscriber;
import org.syndication.testsupport.ZipkinCollector;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The scenarios of the whole system, run against one database kind or another. Each
 * scenario uses its own categories and subscribers, so they share one running system;
 * each asserts that nothing is lost and nothing is duplicated: feed items by id, mails by
 * recipient and article, partner events by eventId.
 */
@ExtendWith(Cores.Shared.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SystemScenarios {

	private static final Logger logger = LoggerFactory.getLogger(SystemScenarios.class);

	/** Articles in scenario 1: 1,000, more in the soak runs. */
	private static final int ARTICLES = Integer.getInteger("syndication.system.articles", 1000);

	/** The trace and span of the editor's tool that posts the article of scenario 0. */
	private static final String EDITORS_TRACE = "5d6e7f8091a2b3c4d5e6f708192a3b4c";

	private static final String EDITORS_SPAN = "0f1e2d3c4b5a6978";

	/** Subscribers in scenario 3: 10,000, more in the soak runs. */
	private static final int SUBSCRIBERS = Integer.getInteger("syndication.system.subscribers", 10_000);

	TheSystem system;

	SystemChecks checks;

	abstract Function<Path, Databases> databases();

	@BeforeAll
	void startTheSystem() {
		this.system = TheSystem.start(databases());
		this.checks = SystemChecks.of(this.system);
	}

	@AfterAll
	void stopTheSystem() {
		if (this.system != null) {
			this.system.close();
		}
	}

	@Test
	@Order(0)
	void oneArticleIsFollowedInOneTraceFromTheEditorsRequestToTheFeedTheHubsPushAndTheMail() {
		String category = "s0-traced";
		String feed = "/feeds/categories/" + category + "/atom.xml";
		String reader = "s0-reader@example.org";
		this.system.notifierApi.subscribeAndConfirm(List.of(reader), List.of(category));
		Article first = this.system.publisherApi.create(SystemChecks.article("S0 article 0000", category, 0));
		this.checks.assertFeedHoldsExactly(feed, List.of(first));
		Article traced;
		int tracedNumber;
		try (WebSubSubscriber subscriber = new WebSubSubscriber("s0 reader's secret")) {
			Http.expect(202, this.system.feeds.subscribe(feed, subscriber.callback(), "s0 reader's secret"));
			await().atMost(SystemChecks.PATIENCE).until(() -> subscriber.verifications().size() == 1);
			// A push shows the subscription live before the article that is followed: the
			// hub keeps a subscription a moment after the subscriber confirmed it, so an
			// article may be applied before, and then another is published.
			List<Article> warmUps = new ArrayList<>();
			await().atMost(SystemChecks.PATIENCE)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> {
					if (warmUps.stream().anyMatch((warmUp) -> pushed(subscriber, warmUp))) {
						return true;
					}
					int number = 1 + warmUps.size();
					warmUps.add(this.system.publisherApi
						.create(SystemChecks.article("S0 article %04d".formatted(number), category, number)));
					return false;
				});
			tracedNumber = 1 + warmUps.size();
			// The editor's tool traces its request (and asks for it to be recorded).
			traced = this.system.publisherApi.create(
					SystemChecks.article("S0 article %04d".formatted(tracedNumber), category, tracedNumber),
					"00-" + EDITORS_TRACE + "-" + EDITORS_SPAN + "-01");
			Article followed = traced;
			await().atMost(SystemChecks.PATIENCE).until(() -> pushed(subscriber, followed));
		}
		this.checks.assertOneAlertPerArticle(reader, IntStream.rangeClosed(0, tracedNumber).boxed().toList());

		// The record partners read carries the trace, below the publisher's send.
		ArticlesTopic.Record record = this.system.topic.readAll()
			.stream()
			.filter((candidate) -> candidate.key().equals(traced.id()))
			.findFirst()
			.orElseThrow();
		String traceParent = record.headers().get("traceparent");
		assertThat(traceParent).matches("00-" + EDITORS_TRACE + "-[0-9a-f]{16}-01");
		String traceId = EDITORS_TRACE;
		List<String> steps = List.of("articles send", "feed apply", "websub push", "notifier apply", "alert queueing",
				"mail send");
		List<ZipkinCollector.Span> trace = await().atMost(SystemChecks.PATIENCE)
			.until(() -> this.system.zipkin.trace(traceId),
					(spans) -> spans.stream().map(ZipkinCollector.Span::name).toList().containsAll(steps));
		logger.info("Scenario 0: the trace of article {}: {}", traced.id(),
				trace.stream().map((span) -> span.service() + " " + span.name()).toList());
		assertThat(trace).extracting(ZipkinCollector.Span::service)
			.contains(TheSystem.PUBLISHER, TheSystem.FEED, TheSystem.NOTIFIER);
		ZipkinCollector.Span request = trace.stream()
			.filter((span) -> EDITORS_SPAN.equals(span.parentId()))
			.findFirst()
			.orElseThrow();
		assertThat(request.service()).isEqualTo(TheSystem.PUBLISHER);
		assertThat(request.kind()).isEqualTo("SERVER");
		ZipkinCollector.Span send = step(trace, "articles send");
		assertThat(send.parentId()).isEqualTo(request.id());
		assertThat(traceParent.split("-")[2]).isEqualTo(send.id());
		assertThat(send.tags()).containsEntry("article.id", traced.id())
			.containsEntry("messaging.kafka.offset", Long.toString(record.offset()));
		ZipkinCollector.Span feedApply = step(trace, "feed apply");
		ZipkinCollector.Span notifierApply = step(trace, "notifier apply");
		assertThat(feedApply.parentId()).isEqualTo(send.id());
		assertThat(notifierApply.parentId()).isEqualTo(send.id());
		assertThat(step(trace, "websub push").parentId()).isEqualTo(feedApply.id());
		assertThat(step(trace, "alert queueing").parentId()).isEqualTo(notifierApply.id());
		ZipkinCollector.Span mailSend = step(trace, "mail send");
		assertThat(mailSend.parentId()).isEqualTo(notifierApply.id());
		assertThat(mailSend.tags()).containsEntry("mail.sent", "1");
		// No reader's address in any span of the trace.
		assertThat(trace)
			.allSatisfy((span) -> assertThat(span.tags().values()).noneMatch((value) -> value.contains("@")));
	}

	private static boolean pushed(WebSubSubscriber subscriber, Article article) {
		return subscriber.pushes().stream().anyMatch((push) -> push.text().contains(article.urn()));
	}

	private static ZipkinCollector.Span step(List<ZipkinCollector.Span> trace, String name) {
		List<ZipkinCollector.Span> named = trace.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(named).as(name).hasSize(1);
		return named.get(0);
	}

	@Test
	@Order(1)
	void thousandArticlesFromConcurrentClientsReachEveryFeedEveryMatchingSubscriberAndEveryPartnerOnce() {
		// A feed reader subscribed through the hub gets the changes pushed, signed.
		String everything;
		// One push served at a time, so that the last one taken is the newest feed.
		try (WebSubSubscriber reader = new WebSubSubscriber("s1 reader's secret", 1)) {
			String pushed = "/feeds/atom.xml";
			Http.expect(202, this.system.feeds.subscribe(pushed, reader.callback(), "s1 reader's secret"));
			await().atMost(SystemChecks.PATIENCE).until(() -> reader.verifications().size() == 1);
			everything = this.checks.loadScenario(this.system.notifierApi, ARTICLES);
			List<String> complete = this.system.feeds.entryIds(pushed);
			await().atMost(SystemChecks.PATIENCE).untilAsserted(() -> {
				assertThat(reader.pushes()).isNotEmpty();
				assertThat(Feeds.entryIds(reader.pushes().get(reader.pushes().size() - 1).body(), pushed))
					.containsExactlyElementsOf(complete);
			});
			assertThat(reader.refused()).isEmpty();
		}
		// The same mailbox as a mail client lists it.
		List<Mail> alerts = this.system.mail.readOverImap(everything)
			.stream()
			.filter((mail) -> !mail.subject().equals(Notifier.CONFIRMATION_SUBJECT))
			.toList();
		assertThat(alerts).extracting(SystemChecks::articleNumber)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, ARTICLES).boxed().toList());
		assertThat(alerts).extracting(Mail::messageId).doesNotHaveDuplicates();
	}

	@Test
	@Order(2)
	void brokerStoppedForThirtySecondsMidStreamLosesNoEventItemOrMailAndDuplicatesNoMail() {
		String reader = "s2-reader@example.org";
		this.system.notifierApi.subscribeAndConfirm(List.of(reader), List.of("s2"));
		List<Article> articles = new ArrayList<>(this.checks.publishMany(this.system.publisherApi, "S2", "s2", 0, 15));

		this.system.kafka.stop();
		long stopped = System.nanoTime();
		logger.info("Scenario 2: broker stopped");
		// The API only needs the database: writes go on while the broker is away.
		articles.addAll(this.checks.publishMany(this.system.publisherApi, "S2", "s2", 15, 15));
		Pause.of(Duration.ofSeconds(30).minusNanos(System.nanoTime() - stopped));
		this.system.kafka.start();
		logger.info("Scenario 2: broker back after {} s", Duration.ofNanos(System.nanoTime() - stopped).toSeconds());
		articles.addAll(this.checks.publishMany(this.system.publisherApi, "S2", "s2", 30, 15));

		this.checks.assertFeedHoldsExactly("/feeds/categories/s2/atom.xml", articles);
		this.checks.assertOneAlertPerArticle(reader, articles.size());
		this.checks.assertEveryEventOnceInOrder(articles, 1);
	}

	@Test
	@Order(3)
	void smtpServerDownForAMinuteDeliversEveryAlertOnceWhenItReturns() {
		String reader = "s4-reader@example.org";
		this.system.notifierApi.subscribeAndConfirm(List.of(reader), List.of("s4"));

		this.system.mail.stop();
		logger.info("Scenario 4: SMTP server down");
		List<Article> articles = this.checks.publishMany(this.system.publisherApi, "S4", "s4", 0, 10);
		this.checks.assertFeedHoldsExactly("/feeds/categories/s4/atom.xml", articles);
		Pause.of(Duration.ofMinutes(1));
		this.system.mail.start();
		logger.info("Scenario 4: SMTP server back");

		this.checks.assertOneAlertPerArticle(reader, articles.size());
	}

	@Test
	@Order(4)
	void poisonRecordsGoToTheDeadLetterTopicsAndRecordsOfAFutureSchemaAreToleratedWhileConsumptionGoesOn() {
		String reader = "s6-reader@example.org";
		this.system.notifierApi.subscribeAndConfirm(List.of(reader), List.of("s6"));
		String poisonKey = "s6-poison-" + UUID.randomUUID();
		// Only the publisher's user may write: these come from a publisher with a bug.
		ArticlesTopic topic = this.system.topicAs(KafkaCredentials.PUBLISHER);
		topic.send(ArticlesTopic.NAME, poisonKey, "this is not an event {".getBytes(StandardCharsets.UTF_8), Map.of());
		topic.send(ArticlesTopic.NAME, poisonKey, "{\"type\": 42}".getBytes(StandardCharsets.UTF_8), Map.of());
		// A later version of the contract: new fields everywhere, and a type this version
		// does not know.
		String future = UUID.randomUUID().toString();
		topic.send(ArticlesTopic.NAME, future,
				futureEvent(future, "article.published", "S6 article 0000 from a future publisher", "s6"),
				Map.of("ce_specversion", "1.0", "ce_type", "article.published", "content-type", "application/json"));
		String unknown = UUID.randomUUID().toString();
		topic.send(ArticlesTopic.NAME, unknown,
				futureEvent(unknown, "article.archived", "S6 article 0001 archived", "s6"),
				Map.of("ce_specversion", "1.0", "ce_type", "article.archived", "content-type", "application/json"));
		Article after = this.system.publisherApi.create(SystemChecks.article("S6 article 0002", "s6", 2));

		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(this.system.feeds.entryIds("/feeds/categories/s6/atom.xml"))
				.containsExactlyInAnyOrder(after.urn(), "urn:uuid:" + future));
		this.checks.assertOneAlertPerArticle(reader, List.of(0, 2));
		for (String deadLetters : List.of("articles.feed-service.dlq", "articles.notifier-service.dlq")) {
			await().atMost(SystemChecks.PATIENCE)
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(this.system.topic.readAll(deadLetters))
					.filteredOn((record) -> poisonKey.equals(record.key()))
					.as(deadLetters)
					.hasSize(2)
					.allSatisfy((record) -> assertThat(record.headers()).containsKey("x-exception-message")));
		}
	}

	@Test
	@Order(5)
	void notifierKilledMidFanOutToTenThousandSubscribersEndsWithOneAlertEachAndAMeasuredDuplicateWindow() {
		int subscribers = SUBSCRIBERS;
		List<String> readers = IntStream.range(0, subscribers)
			.mapToObj("s3-reader-%05d@example.org"::formatted)
			.toList();
		this.system.notifierApi.subscribeAndConfirm(readers, List.of("s3"));
		logger.info("Scenario 3: {} subscribers confirmed", subscribers);
		int before = this.system.mail.count();

		this.system.publisherApi.create(SystemChecks.article("S3 article 0000", "s3", 0));
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.system.mail.count() - before >= subscribers / 4);
		this.system.notifier.kill();
		int atKill = this.system.mail.count() - before;
		long killed = System.nanoTime();
		this.system.notifier.start();
		logger.info("Scenario 3: notifier killed after {} alerts, ready again {} ms later", atKill,
				Duration.ofNanos(System.nanoTime() - killed).toMillis());

		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> this.checks.alertsOf("S3 article 0000")
				.stream()
				.map(Mail::recipient)
				.distinct()
				.count() >= subscribers);
		logger.info("Scenario 3: every subscriber has the alert {} ms after the kill",
				Duration.ofNanos(System.nanoTime() - killed).toMillis());
		List<Mail> alerts = this.checks.alertsOf("S3 article 0000");
		Map<String, Set<String>> messageIdsByRecipient = alerts.stream()
			.collect(Collectors.groupingBy(Mail::recipient, Collectors.mapping(Mail::messageId, Collectors.toSet())));
		assertThat(messageIdsByRecipient.keySet()).containsExactlyInAnyOrderElementsOf(readers);
		// A mail sent again after the crash is the same mail: same Message-ID.
		assertThat(messageIdsByRecipient.values()).allSatisfy((ids) -> assertThat(ids).hasSize(1));
		int duplicates = alerts.size() - subscribers;
		logger.info("Scenario 3: duplicate window: {} of {} alerts sent twice (killed after {})", duplicates,
				subscribers, atKill);
		// At most one mail per SMTP connection (4) can be between the server's acceptance
		// and its record.
		assertThat(duplicates).isBetween(0, 4);
	}

	@Test
	@Order(6)
	void bouncesAndComplaintsArrivingDuringAFanOutStopAllMailToTheirAddresses() {
		List<String> readers = IntStream.range(0, SUBSCRIBERS)
			.mapToObj("s3-reader-%05d@example.org"::formatted)
			.toList();
		// One reader in fifty bounces hard, one in two hundred complains, about the alert
		// of scenario 3; their reports arrive while the next article's alerts go out.
		Map<String, String> returnPaths = new HashMap<>();
		for (Mail alert : this.checks.alertsOf("S3 article 0000")) {
			returnPaths.put(alert.recipient(), SystemChecks.returnPath(alert));
		}
		List<String> complaining = new ArrayList<>();
		List<String> bouncing = new ArrayList<>();
		for (int i = 0; i < readers.size(); i += 50) {
			((i % 200 == 0) ? complaining : bouncing).add(readers.get(i));
		}
		Set<String> reported = new HashSet<>(complaining);
		reported.addAll(bouncing);

		this.system.publisherApi.create(SystemChecks.article("S9 article 0001", "s3", 0));
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.checks.alertsOf("S9 article 0001").size() >= readers.size() / 10);
		for (String reader : bouncing) {
			this.system.mail.deliver(TheSystem.BOUNCES, BounceMail.hardBounce(returnPaths.get(reader), reader));
		}
		for (String reader : complaining) {
			this.system.mail.deliver(TheSystem.BOUNCES, BounceMail.complaint(returnPaths.get(reader), reader));
		}
		logger.info("Scenario 9: {} bounces and {} complaints sent while {} of {} alerts were out", bouncing.size(),
				complaining.size(), this.checks.alertsOf("S9 article 0001").size(), readers.size());

		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> suppressedReaders().size() >= reported.size());
		Map<String, String> suppressed = suppressedReaders();
		assertThat(suppressed).hasSize(reported.size());
		bouncing.forEach((reader) -> assertThat(suppressed).containsEntry(reader, "bounced"));
		complaining.forEach((reader) -> assertThat(suppressed).containsEntry(reader, "complained"));
		// Every other reader has the article once; a reader reported on has it at most
		// once, if it went out before the report was read.
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> this.checks.alertsOf("S9 article 0001")
				.stream()
				.map(Mail::recipient)
				.filter((recipient) -> !reported.contains(recipient))
				.distinct()
				.count() >= readers.size() - reported.size());
		Map<String, Long> during = this.checks.alertsOf("S9 article 0001")
			.stream()
			.collect(Collectors.groupingBy(Mail::recipient, Collectors.counting()));
		assertThat(during.values()).allSatisfy((count) -> assertThat(count).isOne());

		// After the reports, nothing more goes to those addresses.
		this.system.publisherApi.create(SystemChecks.article("S9 article 0002", "s3", 1));
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> this.checks.alertsOf("S9 article 0002").size() >= readers.size() - reported.size());
		List<String> after = this.checks.alertsOf("S9 article 0002").stream().map(Mail::recipient).toList();
		assertThat(after).hasSize(readers.size() - reported.size())
			.doesNotHaveDuplicates()
			.noneMatch(reported::contains);
		logger.info("Scenario 9: {} of {} reported readers had the article before their report was read; none had "
				+ "the next one", reported.stream().filter(during::containsKey).count(), reported.size());
	}

	/** The readers of scenario 3 on the suppression list, with the reason. */
	private Map<String, String> suppressedReaders() {
		Map<String, String> readers = new HashMap<>(this.system.notifierApi.suppressions());
		readers.keySet().removeIf((address) -> !address.startsWith("s3-reader-"));
		return readers;
	}

	@Test
	@Order(7)
	void feedDatabaseWipedAndRebuiltFromTheTopicGivesByteIdenticalFeeds() {
		List<String> paths = new ArrayList<>();
		for (String feed : List.of("/feeds", "/feeds/categories/s1-cat-0", "/feeds/categories/s1-cat-42",
				"/feeds/categories/s2", "/feeds/categories/s4", "/feeds/categories/s6", "/feeds/authors/s1-author-3")) {
			for (String format : List.of("/rss.xml", "/atom.xml", "/feed.json")) {
				paths.add(feed + format);
			}
		}
		Map<String, String> before = new HashMap<>();
		for (String path : paths) {
			before.put(path, Http.expect(200, this.system.feeds.get(path)).body());
		}

		this.system.feed.stop();
		this.system.databases.wipe(TheSystem.FEED);
		long wiped = System.nanoTime();
		this.system.feed.launch(Map.of("FEED_REBUILD", "true"));
		this.system.feed.awaitReady();
		await().atMost(SystemChecks.PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			for (String path : paths) {
				assertThat(this.system.feeds.get(path).body()).as(path).isEqualTo(before.get(path));
			}
		});
		logger.info("Scenario 5: {} feeds byte-identical {} ms after the wipe", paths.size(),
				Duration.ofNanos(System.nanoTime() - wiped).toMillis());
	}

	@Test
	@Order(8)
	void forgedEventsFromAnonymousClientsAndPartnersReachNoTopicFeedOrMailbox() {
		String reader = "s7-reader@example.org";
		this.system.notifierApi.subscribeAndConfirm(List.of(reader), List.of("s7"));
		KafkaUser partner;
		try (Admin admin = Admin.create(this.system.kafka.clientConfig(KafkaCredentials.ADMIN))) {
			partner = new Partners(admin).add("s7-partner", null);
		}
		String forged = UUID.randomUUID().toString();
		byte[] event = futureEvent(forged, "article.published", "S7 article 0000 forged", "s7");
		Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_type", "article.published", "ce_source",
				"/publisher-service", "content-type", "application/json");

		ArticlesTopic anonymous = this.system.topic
			.as(Map.of("bootstrap.servers", this.system.kafka.bootstrapServers()));
		assertThatThrownBy(() -> anonymous.send(ArticlesTopic.NAME, forged, event, headers))
			.hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
		Map<String, Object> asPartner = new HashMap<>(partner.clientConfig(this.system.kafka.bootstrapServers()));
		asPartner.put(ConsumerConfig.GROUP_ID_CONFIG, Partners.groupPrefix(partner.name()) + "reader");
		ArticlesTopic partnerView = this.system.topic.as(asPartner);
		assertThatThrownBy(() -> partnerView.send(ArticlesTopic.NAME, forged, event, headers))
			.hasCauseInstanceOf(AuthorizationException.class);
		Article genuine = this.system.publisherApi.create(SystemChecks.article("S7 article 0001", "s7", 1));

		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(this.system.feeds.entryIds("/feeds/categories/s7/atom.xml"))
				.containsExactly(genuine.urn()));
		assertThat(this.system.feeds.entryIds("/feeds/atom.xml")).doesNotContain("urn:uuid:" + forged);
		this.checks.assertOneAlertPerArticle(reader, List.of(1));
		// The partner reads what the publisher wrote, and nothing forged is there.
		List<ArticlesTopic.Record> records = partnerView.readAll();
		assertThat(records).extracting(ArticlesTopic.Record::key).contains(genuine.id()).doesNotContain(forged);
		assertThat(this.system.topic.readAll()).extracting(ArticlesTopic.Record::key).doesNotContain(forged);
	}

	@Test
	@Order(9)
	void digestSubscribersGetBreakingNewsAtOnceAndOneDigestPerPeriodEvenWithTheNotifierKilledMidRun() {
		List<String> daily = IntStream.range(0, SUBSCRIBERS / 5)
			.mapToObj("s8-daily-%05d@example.org"::formatted)
			.toList();
		List<String> weekly = IntStream.range(0, 50).mapToObj("s8-weekly-%02d@example.org"::formatted).toList();
		List<String> immediate = IntStream.range(0, 50).mapToObj("s8-now-%02d@example.org"::formatted).toList();
		this.system.notifierApi.subscribeAndConfirm(daily, List.of("s8"), "daily");
		this.system.notifierApi.subscribeAndConfirm(weekly, List.of("s8"), "weekly");
		this.system.notifierApi.subscribeAndConfirm(immediate, List.of("s8"));
		logger.info("Scenario 8: {} daily, {} weekly and {} immediate subscribers confirmed", daily.size(),
				weekly.size(), immediate.size());
		List<String> titles = List.of("S8 article 1", "S8 article 2", "S8 article 3");
		for (int i = 0; i < titles.size(); i++) {
			this.system.publisherApi.create(SystemChecks.article(titles.get(i), "s8", i));
		}
		Map<String, Object> breaking = SystemChecks.article("S8 breaking", "s8", 9);
		breaking.put("breaking", true);
		this.system.publisherApi.create(breaking);

		// Breaking news reaches everyone at once; the rest only those who take alerts.
		List<String> everyone = new ArrayList<>(daily);
		everyone.addAll(weekly);
		everyone.addAll(immediate);
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> recipients(this.checks.alertsOf("S8 breaking")).size() >= everyone.size());
		for (String title : titles) {
			await().atMost(SystemChecks.PATIENCE)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> recipients(this.checks.alertsOf(title)).size() >= immediate.size());
			assertThat(recipients(this.checks.alertsOf(title))).containsExactlyInAnyOrderElementsOf(immediate);
		}
		assertThat(this.checks.alertsOf("S8 breaking")).hasSize(everyone.size());

		String subject = "Syndication: 3 new articles";
		assertThat(this.system.notifierApi.runDigests("daily")).isEqualTo(daily.size());
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.checks.alertsOf(subject).size() >= daily.size() / 4);
		this.system.notifier.kill();
		int atKill = this.checks.alertsOf(subject).size();
		this.system.notifier.start();
		logger.info("Scenario 8: notifier killed after {} of {} daily digests", atKill, daily.size());
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> recipients(this.checks.alertsOf(subject)).size() >= daily.size());
		List<Mail> digests = this.checks.alertsOf(subject);
		Map<String, Set<String>> messageIds = digests.stream()
			.collect(Collectors.groupingBy(Mail::recipient, Collectors.mapping(Mail::messageId, Collectors.toSet())));
		assertThat(messageIds.keySet()).containsExactlyInAnyOrderElementsOf(daily);
		assertThat(messageIds.values()).allSatisfy((ids) -> assertThat(ids).hasSize(1));
		logger.info("Scenario 8: {} of {} digests sent twice (killed after {})", digests.size() - daily.size(),
				daily.size(), atKill);
		assertThat(digests.size() - daily.size()).isBetween(0, 4);
		String text = digests.get(0).part("text/plain");
		assertThat(text).contains(titles).doesNotContain("S8 breaking");

		// A run repeated sends nothing twice; the weekly subscribers get theirs.
		assertThat(this.system.notifierApi.runDigests("daily")).isZero();
		assertThat(this.system.notifierApi.runDigests("weekly")).isEqualTo(weekly.size());
		await().atMost(SystemChecks.PATIENCE)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.checks.alertsOf(subject).size() >= digests.size() + weekly.size());
		List<String> digestRecipients = new ArrayList<>(daily);
		digestRecipients.addAll(weekly);
		assertThat(recipients(this.checks.alertsOf(subject))).containsExactlyInAnyOrderElementsOf(digestRecipients);
		assertThat(this.checks.alertsOf(subject)).hasSize(digests.size() + weekly.size());
	}

	/**
	 * The operators' guide's backup and restore (docs/operations.md): the feed and
	 * notifier databases backed up while they run, three articles published, both
	 * restored from the backups. Each reads the missing events again, the feed holds
	 * every article once, and the reader has one alert per article, the next article's
	 * included.
	 */
	@Test
	@Order(10)
	void feedAndNotifierDatabasesRestoredFromOlderBackupsCatchUpWithNoSecondAlert() {
		String category = "s10-restored";
		String feed = "/feeds/categories/" + category + "/atom.xml";
		String reader = "s10-reader@example.org";
		this.system.notifierApi.subscribeAndConfirm(List.of(reader), List.of(category));
		List<Article> articles = new ArrayList<>();
		articles.add(this.system.publisherApi.create(SystemChecks.article("S10 article 0000", category, 0)));
		this.checks.assertFeedHoldsExactly(feed, articles);
		this.checks.assertOneAlertPerArticle(reader, List.of(0));
		Path feedBackup = this.system.directory.resolve("feed-service.backup");
		Path notifierBackup = this.system.directory.resolve("notifier-service.backup");
		this.system.databases.backup(TheSystem.FEED, feedBackup);
		this.system.databases.backup(TheSystem.NOTIFIER, notifierBackup);

		for (int number = 1; number <= 3; number++) {
			articles.add(this.system.publisherApi
				.create(SystemChecks.article("S10 article %04d".formatted(number), category, number)));
		}
		this.checks.assertFeedHoldsExactly(feed, articles);
		this.checks.assertOneAlertPerArticle(reader, List.of(0, 1, 2, 3));

		long restoring = System.nanoTime();
		Concurrently.forEach(2, List.of(this.system.feed, this.system.notifier), ServiceProcess::stop);
		this.system.databases.restore(TheSystem.FEED, feedBackup);
		this.system.databases.restore(TheSystem.NOTIFIER, notifierBackup);
		this.system.feed.launch();
		this.system.notifier.launch();
		this.system.feed.awaitReady();
		this.system.notifier.awaitReady();
		this.checks.assertFeedHoldsExactly(feed, articles);
		logger.info("Scenario 10: the feed caught up {} ms after the restore began",
				Duration.ofNanos(System.nanoTime() - restoring).toMillis());

		articles.add(this.system.publisherApi.create(SystemChecks.article("S10 article 0004", category, 4)));
		this.checks.assertFeedHoldsExactly(feed, articles);
		this.checks.assertOneAlertPerArticle(reader, List.of(0, 1, 2, 3, 4));
	}

	/**
	 * Scenario 11: packages. A partner holding one package reads its topic: the package's
	 * current articles from the back-catalogue on, then every change, each record
	 * matching the rule in the article's version it carries; an article edited out of the
	 * package leaves a tombstone, within a second; the partner is refused the articles
	 * topic and every other package, and the package itself once it is revoked. The same
	 * articles in ninjs on a package of that format.
	 */
	@Test
	@Order(11)
	void aPartnerHoldingAPackageReadsOnlyItsArticlesFromTheBackCatalogueOnAndSeesAnArticleLeaveWithinASecond() {
		Publisher api = this.system.publisherApi;
		Article kept = api.create(SystemChecks.article("S11 sport 0000", "s11-sport", 0));
		Article movedOut = api.create(SystemChecks.article("S11 sport 0001", "s11-sport", 1));
		Article retracted = api.create(SystemChecks.article("S11 sport 0002", "s11-sport", 2));
		api.retract(retracted);
		Article movedIn = api.create(SystemChecks.article("S11 other 0003", "s11-other", 3));
		// A back-catalogue: the relay has sent these articles, and the packages service
		// has read them, before the packages exist.
		await().atMost(SystemChecks.PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
			List<ArticlesTopic.Record> written = this.system.topic.readAll();
			return written.stream().anyMatch((record) -> record.key().equals(retracted.id()) && record.isTombstone())
					&& written.stream().anyMatch((record) -> record.key().equals(movedIn.id()))
					&& this.system.topic.processedByGroup(TheSystem.PACKAGES, written);
		});
		Map<String, Object> adminConfig = this.system.kafka.clientConfig(KafkaCredentials.ADMIN);
		KafkaUser desk;
		try (Admin admin = Admin.create(adminConfig)) {
			Packages packages = Packages.asAdministrator(admin, adminConfig);
			packages.add(new Packages.Definition("s11-sport", List.of("s11-sport"), List.of(), List.of(), null));
			packages.add(new Packages.Definition("s11-other", List.of("s11-other"), List.of(), List.of(), null));
			packages.add(new Packages.Definition("s11-ninjs", List.of("s11-sport"), List.of(), List.of(), "ninjs"));
			desk = new Partners(admin, packages::exists).add("s11-desk", null, List.of("s11-sport"));
		}
		Map<String, Object> asDesk = new HashMap<>(desk.clientConfig(this.system.kafka.bootstrapServers()));
		asDesk.put(ConsumerConfig.GROUP_ID_CONFIG, Partners.groupPrefix(desk.name()) + "reader");
		ArticlesTopic deskView = this.system.topic.as(asDesk);
		for (String refused : List.of(ArticlesTopic.NAME, "articles.pkg.s11-other", "articles.pkg.s11-ninjs")) {
			assertThatThrownBy(() -> deskView.readAll(refused)).as(refused).isInstanceOf(AuthorizationException.class);
		}

		try (PackageWatch sport = new PackageWatch(asDesk, "articles.pkg.s11-sport")) {
			// The back-catalogue: the articles in the package now, not the retracted one.
			sport.await((record) -> record.key().equals(kept.id()) && !record.isTombstone());
			sport.await((record) -> record.key().equals(movedOut.id()) && !record.isTombstone());
			this.system.awaitPackageFilled("s11-sport");
			assertThat(sport.records()).extracting(ArticlesTopic.Record::key)
				.containsExactlyInAnyOrder(kept.id(), movedOut.id());
			List<Duration> leaving = new ArrayList<>();
			Article current = movedOut;
			for (int move = 0; move < 3; move++) {
				int seen = sport.records().size();
				current = api.update(current, SystemChecks.article("S11 sport 0001", "s11-other", 1));
				long answered = System.nanoTime();
				leaving.add(Duration
					.ofNanos(sport.await(seen, (record) -> record.key().equals(movedOut.id()) && record.isTombstone())
							- answered));
				current = api.update(current, SystemChecks.article("S11 sport 0001", "s11-sport", 1));
				long back = current.version();
				sport.await((record) -> record.key().equals(movedOut.id()) && !record.isTombstone()
						&& record.event().article().version() == back);
			}
			logger.info("Scenario 11: an article edited out of the package left it after {}", leaving);
			Article in = api.update(movedIn, SystemChecks.article("S11 other 0003", "s11-sport", 3));
			sport.await((record) -> record.key().equals(movedIn.id()) && !record.isTombstone()
					&& record.event().article().version() == in.version());
			api.retract(kept);
			sport.await((record) -> record.key().equals(kept.id()) && record.isTombstone());
			Article live = api.create(SystemChecks.article("S11 sport 0004", "s11-sport", 4));
			sport.await((record) -> record.key().equals(live.id()) && !record.isTombstone());

			List<ArticlesTopic.Record> records = sport.records();
			assertThat(records).extracting(ArticlesTopic.Record::key)
				.containsOnly(kept.id(), movedOut.id(), movedIn.id(), live.id());
			List<ArticlesTopic.Record> events = records.stream().filter((record) -> !record.isTombstone()).toList();
			// Each version in the package matches its rule: a category of s11-sport.
			assertThat(events).allSatisfy((record) -> assertThat(record.event().article().categories()).as(record.key())
				.contains("s11-sport"));
			assertThat(events).extracting((record) -> record.event().eventId()).doesNotHaveDuplicates();
			// Each article's versions in order, with its CloudEvents headers.
			assertThat(events).allSatisfy((record) -> assertThat(record.headers()).containsKeys("ce_id", "ce_type")
				.containsEntry("ce_id", record.event().eventId().toString()));
			assertThat(leaving).hasSize(3)
				.allSatisfy((took) -> assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(1)));

			// The same package in ninjs, as the administrator reads it.
			List<ArticlesTopic.Record> ninjs = this.system.topic.readAll("articles.pkg.s11-ninjs");
			ArticlesTopic.Record item = ninjs.stream()
				.filter((record) -> record.key().equals(live.id()))
				.findFirst()
				.orElseThrow();
			JsonNode json = Http.JSON.readTree(item.value());
			assertThat(json.get("uri").asString()).isEqualTo("urn:uuid:" + live.id());
			assertThat(json.get("pubStatus").asString()).isEqualTo("usable");
			assertThat(item.headers()).containsEntry("ce_type", "article.published");

			// Revoked: the partner reads nothing more of the package.
			try (Admin admin = Admin.create(adminConfig)) {
				new Partners(admin).revokePackage(desk.name(), "s11-sport");
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThatThrownBy(() -> deskView.readAll("articles.pkg.s11-sport"))
					.isInstanceOf(AuthorizationException.class));
		}
	}

	/**
	 * The metrics the shipped alert rules and dashboard read (ops/metrics.txt, which the
	 * ops module checks them against) are there on the services that are to expose them,
	 * after a run of every scenario.
	 */
	@Test
	@Order(100)
	void everyMetricTheShippedAlertsAndDashboardReadIsExposedByItsService() throws Exception {
		Map<String, Set<String>> exposers = new HashMap<>();
		for (String line : Files.readAllLines(Path.of("..", "ops", "metrics.txt"))) {
			if (!line.isBlank() && !line.startsWith("#")) {
				// The metric, its type, then the jobs that expose it.
				String[] fields = line.trim().split("\\s+");
				exposers.put(fields[0], Set.copyOf(List.of(fields).subList(2, fields.length)));
			}
		}
		assertThat(exposers).isNotEmpty();
		// Request timings appear with a service's first request since it (re)started,
		// as a reader's would be.
		Map<ServiceProcess, String> pages = Map.of(this.system.publisher, "/api/articles", this.system.feed, "/",
				this.system.notifier, "/subscribe");
		pages.forEach((service, page) -> Http.expect(200,
				Http.send(Http.request(service.uri(page))
					.header("Authorization", "Bearer " + this.system.apiToken)
					.GET()
					.build())));
		for (ServiceProcess service : List.of(this.system.publisher, this.system.feed, this.system.notifier,
				this.system.packages)) {
			List<String> expected = exposers.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().contains(service.name()))
				.map(Map.Entry::getKey)
				.toList();
			assertThat(expected).as(service.name()).isNotEmpty();
			// The consumer's lag appears up to a minute after a consumer (re)started.
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(exposedMetrics(service)).as(service.name()).containsAll(expected));
		}
		// The consumers' lag, the Kafka client's own measure, on every partition of the
		// topic (Micrometer takes up a partition's once a minute after the first fetch).
		for (ServiceProcess consumer : List.of(this.system.feed, this.system.notifier, this.system.packages)) {
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
				String exposition = exposition(consumer);
				for (int partition = 0; partition < 3; partition++) {
					assertThat(exposition).as(consumer.name())
						.containsPattern("(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*partition=\"" + partition
								+ "\"[^}]*topic=\"articles\"[^}]*\\} \\d");
				}
			});
		}
	}

	private Set<String> exposedMetrics(ServiceProcess service) {
		String exposition = Http
			.send(Http.request(service.uri("/actuator/prometheus"))
				.header("Authorization", "Bearer " + this.system.apiToken)
				.GET()
				.build())
			.body();
		return exposition.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());
	}

	private String exposition(ServiceProcess service) {
		return Http.expect(200,
				Http.send(Http.request(service.uri("/actuator/prometheus"))
					.header("Authorization", "Bearer " + this.system.apiToken)
					.GET()
					.build()))
			.body();
	}

	private static Set<String> recipients(List<Mail> mails) {
		return mails.stream().map(Mail::recipient).collect(Collectors.toSet());
	}

	private static byte[] futureEvent(String articleId, String type, String title, String category) {
		String now = java.time.Instant.now().toString();
		String json = """
				{"eventId": "%s", "type": "%s", "occurredAt": "%s", "schemaRevision": 7,
				 "origin": {"system": "publisher-service", "region": "eu"},
				 "article": {"id": "%s", "version": 1, "title": "%s", "summary": null,
				  "contentHtml": "<p>From a newer publisher.</p>", "url": "https://news.example.org/a/%s",
				  "authors": ["Future Author"], "categories": ["%s"], "language": "en",
				  "publishedAt": "%s", "updatedAt": "%s", "embargo": {"until": null}, "wordCount": 4}}
				""".formatted(UUID.randomUUID(), type, now, articleId, title, articleId, category, now, now);
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
