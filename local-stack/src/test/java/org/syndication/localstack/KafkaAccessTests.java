package org.syndication.localstack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what, on a real broker with SASL/SCRAM and ACLs: the services with their own
 * users, partners added and revoked while it runs, and anybody else.
 */
class KafkaAccessTests {

	private static final Duration SESSION_LIFETIME = Duration.ofSeconds(5);

	private static final int EVENTS = 5;

	private static TestCluster cluster;

	private static Path directory;

	private static KafkaBrokerProcess broker;

	private static Admin admin;

	private static final Map<String, KafkaUser> PARTNERS = new HashMap<>();

	@BeforeAll
	static void startBrokerWithTheArticlesTopicWrittenByThePublisher() throws Exception {
		cluster = TestCluster.start("kafka-access", SESSION_LIFETIME).withArticles();
		directory = cluster.directory();
		broker = cluster.broker();
		admin = cluster.admin();
		try (KafkaProducer<String, String> producer = producer(user(KafkaCredentials.PUBLISHER))) {
			for (int i = 0; i < EVENTS; i++) {
				producer.send(new ProducerRecord<>(KafkaAccess.TOPIC, "article-" + i, "event-" + i)).get();
			}
		}
	}

	@AfterAll
	static void stopBroker() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void anonymousClientCannotConnectOrWrite() throws Exception {
		Map<String, Object> anonymous = Map.of("bootstrap.servers", broker.bootstrapServers());

		try (KafkaProducer<String, String> producer = producer(anonymous)) {
			Throwable refused = catchThrowable(
					() -> producer.send(new ProducerRecord<>(KafkaAccess.TOPIC, "forged", "forged")).get());
			assertThat(refused).hasRootCauseInstanceOf(TimeoutException.class);
		}
		try (Admin anonymousAdmin = Admin.create(withShortTimeouts(anonymous))) {
			assertThatThrownBy(() -> anonymousAdmin.describeCluster().nodes().get())
				.hasRootCauseInstanceOf(TimeoutException.class);
		}
		assertThat(endOffset(KafkaAccess.TOPIC)).isEqualTo(EVENTS);
	}

	@Test
	void aWrongPasswordIsRefusedAsAnAuthenticationFailure() {
		KafkaUser impostor = new KafkaUser(KafkaCredentials.PUBLISHER, "not-the-password");

		try (Admin client = Admin.create(withShortTimeouts(impostor.clientConfig(broker.bootstrapServers())))) {
			assertThatThrownBy(() -> client.describeCluster().nodes().get())
				.hasCauseInstanceOf(SaslAuthenticationException.class);
		}
	}

	@Test
	void partnerReadsEveryEventFromOffsetZeroInItsOwnGroups() {
		KafkaUser partner = new Partners(admin).add("reader", null);

		assertThat(readAll(partner, "reader.feeds")).hasSize(EVENTS).contains("article-0=event-0");
		assertThat(readAll(partner, "reader.archive")).hasSize(EVENTS);
	}

	@Test
	void partnerCannotWriteToTheArticlesTopic() throws Exception {
		KafkaUser partner = new Partners(admin).add("forger", null);

		Map<String, Object> config = partner.clientConfig(broker.bootstrapServers());
		// An idempotent producer (the default) is stopped before its first write, one
		// that is not at the write itself.
		try (KafkaProducer<String, String> idempotent = producer(config);
				KafkaProducer<String, String> plain = producer(
						KafkaClusterProcessTests.with(config, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false))) {
			ProducerRecord<String, String> forged = new ProducerRecord<>(KafkaAccess.TOPIC, "forged",
					"{\"type\":\"article.published\"}");
			assertThat(catchThrowable(() -> idempotent.send(forged).get()))
				.hasCauseInstanceOf(ClusterAuthorizationException.class);
			assertThat(catchThrowable(() -> plain.send(forged).get()))
				.hasCauseInstanceOf(TopicAuthorizationException.class);
		}
		assertThat(endOffset(KafkaAccess.TOPIC)).isEqualTo(EVENTS);
	}

	@Test
	void partnerCannotReadADeadLetterTopic() throws Exception {
		String deadLetters = KafkaAccess.deadLetterTopic(KafkaCredentials.FEED);
		createAsService(KafkaCredentials.FEED, deadLetters);
		KafkaUser partner = new Partners(admin).add("snoop", null);

		try (KafkaConsumer<String, String> consumer = consumer(partner, "snoop.dlq")) {
			consumer.subscribe(List.of(deadLetters));
			assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "rival.news", "rival", "intruder", "intruderx.news", "feed-service" })
	void partnerCannotUseAnotherPartnersOrAServicesGroup(String group) {
		partner("rival");

		assertThatThrownBy(() -> readAll(partner("intruder"), group)).isInstanceOf(GroupAuthorizationException.class);
	}

	@Test
	void revokedPartnerCannotConnectAgainAndItsOpenSessionEnds() throws Exception {
		Partners partners = new Partners(admin);
		KafkaUser partner = partners.add("leaving", null);
		KafkaConsumer<String, String> consumer = consumer(partner, "leaving.feeds");
		try (Admin openSession = Admin.create(withShortTimeouts(partner.clientConfig(broker.bootstrapServers())))) {
			openSession.describeCluster().nodes().get(10, TimeUnit.SECONDS);
			consumer.subscribe(List.of(KafkaAccess.TOPIC));
			List<String> read = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> readSome(consumer, read) >= EVENTS);

			partners.revoke("leaving");

			assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
				.isInstanceOf(TopicAuthorizationException.class);
			try (Admin newSession = Admin.create(withShortTimeouts(partner.clientConfig(broker.bootstrapServers())))) {
				assertThatThrownBy(() -> newSession.describeCluster().nodes().get())
					.hasCauseInstanceOf(SaslAuthenticationException.class);
			}
			// The open connection needs no ACL to describe the cluster; it fails once it
			// must authenticate again.
			await().atMost(SESSION_LIFETIME.multipliedBy(4))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> catchThrowable(() -> openSession.describeCluster().nodes().get(10, TimeUnit.SECONDS)),
						(failure) -> failure != null && failure.getCause() instanceof SaslAuthenticationException);
		}
		finally {
			closeRevoked(consumer);
		}
		assertThat(partners.list()).noneMatch((listed) -> listed.name().equals("leaving"));
		assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get())
			.noneMatch((acl) -> acl.entry().principal().equals("User:leaving"));
	}

	@Test
	void publisherWritesAndCreatesTheArticlesTopicButReadsNothing() {
		Throwable refused = catchThrowable(() -> readAll(user(KafkaCredentials.PUBLISHER), "publisher-service"));
		assertThat(refused).isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class);

		try (Admin publisher = Admin.create(withShortTimeouts(user(KafkaCredentials.PUBLISHER)))) {
			assertThatThrownBy(
					() -> publisher.createTopics(List.of(new NewTopic("another-topic", 1, (short) 1))).all().get())
				.hasCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void feedAndNotifierReadInTheirOwnGroupAndWriteOnlyTheirOwnDeadLetterTopic() throws Exception {
		for (String service : List.of(KafkaCredentials.FEED, KafkaCredentials.NOTIFIER)) {
			String other = service.equals(KafkaCredentials.FEED) ? KafkaCredentials.NOTIFIER : KafkaCredentials.FEED;
			Map<String, Object> config = user(service);

			assertThat(readAll(config, service)).hasSize(EVENTS);
			assertThatThrownBy(() -> readAll(config, other)).isInstanceOf(GroupAuthorizationException.class);
			createAsService(service, KafkaAccess.deadLetterTopic(service));
			try (KafkaProducer<String, String> producer = producer(config)) {
				producer.send(new ProducerRecord<>(KafkaAccess.deadLetterTopic(service), "poison", "x")).get();
				assertThat(catchThrowable(
						() -> producer.send(new ProducerRecord<>(KafkaAccess.TOPIC, "forged", "forged")).get()))
					.hasCauseInstanceOf(TopicAuthorizationException.class);
			}
		}
		assertThat(endOffset(KafkaAccess.TOPIC)).isEqualTo(EVENTS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Acme", "acme corp", "acme.news", "-acme", "admin", "broker", "publisher-service",
			"feed-service", "notifier-service", "ac*me", "acme\"", "" })
	void anInvalidOrReservedNameIsRefusedBeforeAnythingChanges(String name) throws Exception {
		int acls = admin.describeAcls(AclBindingFilter.ANY).values().get().size();
		Set<String> users = admin.describeUserScramCredentials().all().get().keySet();

		assertThatThrownBy(() -> new Partners(admin).add(name, null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'" + name + "'");
		assertThat(run("partners", "add", name)).isEqualTo(2);

		assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get()).hasSize(acls);
		assertThat(admin.describeUserScramCredentials().all().get().keySet()).isEqualTo(users);
	}

	@Test
	void aPartnerIsAddedOnceAndAShortPasswordChangesNothing() throws Exception {
		Partners partners = new Partners(admin);
		partners.add("twice", "a-long-enough-password");

		assertThatThrownBy(() -> partners.add("twice", null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("exists already");
		assertThatThrownBy(() -> partners.add("short", "too-short")).isInstanceOf(IllegalArgumentException.class);
		assertThat(partners.list()).extracting(Partners.Partner::name).contains("twice").doesNotContain("short");
		assertThat(readAll(new KafkaUser("twice", "a-long-enough-password"), "twice.x")).hasSize(EVENTS);
	}

	@Test
	void theCommandAddsListsAndRevokesAPartnerOnTheRunningBroker() throws Exception {
		Path adminConfig = cluster.adminConfig();
		String[] connection = { "--command-config", adminConfig.toString() };

		ByteArrayOutputStream added = new ByteArrayOutputStream();
		assertThat(run(added, "", "partners", "add", "newsdesk", connection[0], connection[1])).isEqualTo(0);
		String password = passwordIn(added.toString(StandardCharsets.UTF_8));
		assertThat(added.toString(StandardCharsets.UTF_8)).contains("newsdesk.*")
			.contains("bootstrap.servers=" + broker.bootstrapServers())
			.contains("sasl.mechanism=SCRAM-SHA-512")
			.contains("username=\"newsdesk\" password=\"" + password + "\"");
		assertThat(readAll(new KafkaUser("newsdesk", password), "newsdesk.feeds")).hasSize(EVENTS);

		ByteArrayOutputStream listed = new ByteArrayOutputStream();
		assertThat(run(listed, "", "partners", "list", connection[0], connection[1])).isEqualTo(0);
		assertThat(listed.toString(StandardCharsets.UTF_8)).containsPattern("newsdesk +newsdesk\\.\\* +all +active")
			.doesNotContain("publisher-service")
			.doesNotContain("admin");

		assertThat(run(new ByteArrayOutputStream(), "", "partners", "revoke", "newsdesk", connection[0], connection[1]))
			.isEqualTo(0);
		assertThat(run(new ByteArrayOutputStream(), "", "partners", "revoke", "newsdesk", connection[0], connection[1]))
			.isEqualTo(2);
		assertThat(new Partners(admin).list()).noneMatch((partner) -> partner.name().equals("newsdesk"));

		assertThat(run(new ByteArrayOutputStream(), "a-password-given-on-stdin\n", "partners", "add", "given",
				"--password-stdin", connection[0], connection[1]))
			.isEqualTo(0);
		assertThat(readAll(new KafkaUser("given", "a-password-given-on-stdin"), "given.feeds")).hasSize(EVENTS);
	}

	private static String passwordIn(String output) {
		List<String> lines = output.lines().toList();
		int announced = lines.indexOf("Its password is shown this once:");
		return lines.get(announced + 2).strip();
	}

	private static int run(String... args) {
		return run(new ByteArrayOutputStream(), "", args);
	}

	private static int run(ByteArrayOutputStream out, String stdin, String... args) {
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
		return new PartnersCommand(print, print, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
			.run(List.of(args).subList(1, args.length), directory);
	}

	/**
	 * A partner added once for the whole class.
	 */
	private static synchronized KafkaUser partner(String name) {
		return PARTNERS.computeIfAbsent(name, (added) -> new Partners(admin).add(added, null));
	}

	private static void createAsService(String service, String topic) throws Exception {
		try (Admin client = Admin.create(user(service))) {
			if (!client.listTopics().names().get().contains(topic)) {
				client.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
		}
	}

	private static Map<String, Object> user(String name) {
		return broker.clientConfig(name);
	}

	private static List<String> readAll(KafkaUser user, String group) {
		return readAll(user.clientConfig(broker.bootstrapServers()), group);
	}

	/**
	 * Reads the articles topic from offset 0 in a consumer group, as a partner does.
	 */
	private static List<String> readAll(Map<String, Object> clientConfig, String group) {
		try (KafkaConsumer<String, String> consumer = consumer(clientConfig, group)) {
			consumer.subscribe(List.of(KafkaAccess.TOPIC));
			List<String> read = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (read.size() < EVENTS && System.nanoTime() < deadline) {
				readSome(consumer, read);
			}
			return read;
		}
	}

	private static int readSome(KafkaConsumer<String, String> consumer, List<String> read) {
		for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
			read.add(record.key() + "=" + record.value());
		}
		return read.size();
	}

	private static KafkaConsumer<String, String> consumer(KafkaUser user, String group) {
		return consumer(user.clientConfig(broker.bootstrapServers()), group);
	}

	private static KafkaConsumer<String, String> consumer(Map<String, Object> clientConfig, String group) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	private static KafkaProducer<String, String> producer(Map<String, Object> clientConfig) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	private static Map<String, Object> withShortTimeouts(Map<String, Object> clientConfig) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
		return config;
	}

	private static long endOffset(String topic) throws ExecutionException, InterruptedException {
		Map<String, Object> config = new HashMap<>(user(KafkaCredentials.ADMIN));
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/**
	 * Closes the consumer of a revoked user: it may have to authenticate again to leave
	 * its group, which the broker now refuses, as it should.
	 */
	private static void closeRevoked(KafkaConsumer<?, ?> consumer) {
		try {
			consumer.close(Duration.ofSeconds(5));
		}
		catch (KafkaException ex) {
			if (!(ex.getCause() instanceof SaslAuthenticationException)) {
				throw ex;
			}
		}
	}

}
