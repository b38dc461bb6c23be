package org.syndication.localstack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Partners' packages on a real broker with SASL/SCRAM and ACLs, through the commands an
 * operator runs: a package's definition and topic, a partner that may read its packages
 * and nothing else, packages granted and taken at once, and what is refused.
 */
class PackagesTests {

	private static final String PASSWORD = "a-partner's-password-1";

	private static TestCluster cluster;

	private static Path directory;

	private static KafkaBrokerProcess broker;

	private static Admin admin;

	private static Path adminConfig;

	@BeforeAll
	static void startBrokerWithTheArticlesTopic() throws Exception {
		cluster = TestCluster.start("packages").withArticles(3, Duration.ofDays(7));
		directory = cluster.directory();
		broker = cluster.broker();
		admin = cluster.admin();
		adminConfig = cluster.adminConfig();
	}

	@AfterAll
	static void stopBroker() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void aPackageIsADefinitionOnItsTopicAndACompactedTopicLikeArticles() throws Exception {
		Run added = packages("add", "sport", "--categories", "sport, football", "--languages", "en");

		assertThat(added.exit()).as(added.err()).isZero();
		assertThat(added.out()).contains("Package 'sport' defined", "articles.pkg.sport");
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "articles.pkg.sport");
		Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
		assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
		assertThat(config.get(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG).value()).isEqualTo("604800000");
		assertThat(config.get(TopicConfig.COMPRESSION_TYPE_CONFIG).value()).isEqualTo("gzip");
		assertThat(admin.describeTopics(List.of("articles.pkg.sport"))
			.allTopicNames()
			.get(30, TimeUnit.SECONDS)
			.get("articles.pkg.sport")
			.partitions()).hasSize(3);
		// The bytes the packages service reads (its PackageDefinitionTests checks them).
		assertThat(definitions()).containsEntry("sport",
				"{\"name\":\"sport\",\"categories\":[\"sport\",\"football\"],\"languages\":[\"en\"],"
						+ "\"authors\":[],\"format\":\"events\"}");

		Run listed = packages("list");
		assertThat(listed.out()).contains("all", "every article")
			.contains("sport", "articles.pkg.sport", "events", "categories sport, football; and languages en");
	}

	@Test
	void whatAPackageCannotBeIsRefusedWithAClearMessageAndChangesNothing() throws Exception {
		admin.createTopics(List.of(new NewTopic("articles.pkg.taken", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		assertThat(packages("add", "nothing").err()).contains("names no category, language or author");
		assertThat(packages("add", "all", "--categories", "x").err()).contains("'all' is the package of every article");
		assertThat(packages("add", "Bad.Name", "--categories", "x").err()).contains("not a valid package name");
		assertThat(packages("add", "odd", "--categories", "x", "--format", "xml").err())
			.contains("'xml' is not a package format");
		assertThat(packages("add", "taken", "--categories", "x").err())
			.contains("A topic named 'articles.pkg.taken' exists already");
		assertThat(packages("add", "twice", "--categories", "x").exit()).isZero();
		Run again = packages("add", "twice", "--languages", "fr");
		assertThat(again.exit()).isEqualTo(2);
		assertThat(again.err()).contains("A package named 'twice' exists already");
		assertThat(packages("remove", "all").err()).contains("cannot be removed");

		assertThat(definitions()).doesNotContainKeys("nothing", "all", "Bad.Name", "odd", "taken")
			.containsEntry("twice", "{\"name\":\"twice\",\"categories\":[\"x\"],\"languages\":[],\"authors\":[],"
					+ "\"format\":\"events\"}");
		assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("articles.pkg.nothing",
				"articles.pkg.odd");
	}

	@Test
	void aPackageGetsAnotherRuleOnItsTopicAndKeepsItsTopic() throws Exception {
		assertThat(packages("add", "desk", "--categories", "sport").exit()).isZero();

		Run changed = packages("change", "desk", "--categories", "sport", "--languages", "zh", "--format", "ninjs");

		assertThat(changed.exit()).as(changed.err()).isZero();
		assertThat(changed.out()).contains("Package 'desk' changed", "filled again");
		assertThat(definitions()).containsEntry("desk", "{\"name\":\"desk\",\"categories\":[\"sport\"],"
				+ "\"languages\":[\"zh\"],\"authors\":[],\"format\":\"ninjs\"}");
		assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("articles.pkg.desk");
		// A package that does not exist, or a rule naming nothing, changes nothing.
		assertThat(packages("change", "nowhere", "--categories", "x").err())
			.contains("There is no package named 'nowhere'");
		assertThat(packages("change", "desk").err()).contains("names no category, language or author");
		assertThat(definitions()).doesNotContainKey("nowhere")
			.containsEntry("desk", "{\"name\":\"desk\","
					+ "\"categories\":[\"sport\"],\"languages\":[\"zh\"],\"authors\":[],\"format\":\"ninjs\"}");
	}

	@Test
	void aPartnerReadsItsPackagesOnlyAndLosesOneAtOnceWhenItIsTaken() throws Exception {
		assertThat(packages("add", "desk-a", "--categories", "a").exit()).isZero();
		assertThat(packages("add", "desk-b", "--categories", "b").exit()).isZero();
		assertThat(packages("add", "desk-c", "--categories", "c").exit()).isZero();
		for (String topic : List.of(KafkaAccess.TOPIC, "articles.pkg.desk-a", "articles.pkg.desk-b",
				"articles.pkg.desk-c")) {
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					broker.clientConfig(KafkaCredentials.ADMIN), new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>(topic, "article", "event on " + topic)).get(30, TimeUnit.SECONDS);
			}
		}
		Run refused = partners("add", "deskpartner", "--packages", "desk-a,nowhere");
		assertThat(refused.exit()).isEqualTo(2);
		assertThat(refused.err()).contains("There is no package named 'nowhere'");
		assertThat(admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS))
			.doesNotContainKey("deskpartner");

		Run added = partners("add", "deskpartner", "--packages", "desk-a,desk-b", "--password-stdin");
		assertThat(added.exit()).as(added.err()).isZero();
		assertThat(added.out()).contains("'articles.pkg.desk-a'", "'articles.pkg.desk-b'");
		KafkaUser partner = new KafkaUser("deskpartner", PASSWORD);
		assertThat(read(partner, "articles.pkg.desk-a")).containsExactly("event on articles.pkg.desk-a");
		assertThat(read(partner, "articles.pkg.desk-b")).containsExactly("event on articles.pkg.desk-b");
		assertRefused(partner, KafkaAccess.TOPIC);
		assertRefused(partner, "articles.pkg.desk-c");
		assertThat(partners("list").out())
			.containsPattern("deskpartner\\s+deskpartner\\.\\*\\s+desk-a,desk-b\\s+active");

		assertThat(partners("grant", "deskpartner", "desk-c").exit()).isZero();
		assertThat(read(partner, "articles.pkg.desk-c")).containsExactly("event on articles.pkg.desk-c");
		assertThat(partners("revoke-package", "deskpartner", "desk-a").exit()).isZero();
		assertRefused(partner, "articles.pkg.desk-a");
		assertThat(read(partner, "articles.pkg.desk-b")).containsExactly("event on articles.pkg.desk-b");
		assertThat(partners("revoke-package", "deskpartner", "desk-a").err())
			.contains("does not hold the package 'desk-a'");
		assertThat(partners("grant", "deskpartner", "nowhere").err()).contains("There is no package named 'nowhere'");
		assertThat(partners("grant", "nobody", "desk-a").err()).contains("There is no partner named 'nobody'");

		// A package removed: its readers lose it at once, and its topic goes.
		assertThat(packages("remove", "desk-b").exit()).isZero();
		assertRefused(partner, "articles.pkg.desk-b");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !admin.listTopics().names().get().contains("articles.pkg.desk-b"));
		assertThat(definitions()).doesNotContainKey("desk-b");
		assertThat(partners("list").out()).containsPattern("deskpartner\\s+deskpartner\\.\\*\\s+desk-c\\s+active");
	}

	@Test
	void aPartnerAddedWithoutPackagesHoldsAllTheArticlesTopic() throws Exception {
		Run added = partners("add", "everything", "--password-stdin");
		assertThat(added.exit()).as(added.err()).isZero();
		KafkaUser partner = new KafkaUser("everything", PASSWORD);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(broker.clientConfig(KafkaCredentials.ADMIN),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(KafkaAccess.TOPIC, "article", "an event")).get(30, TimeUnit.SECONDS);
		}
		assertThat(read(partner, KafkaAccess.TOPIC)).isNotEmpty();
		assertThat(partners("list").out()).containsPattern("everything\\s+everything\\.\\*\\s+all\\s+active");
	}

	private static Run packages(String... args) {
		return run((out, err, all) -> new PackagesCommand(out, err).run(all, directory), args);
	}

	private static Run partners(String... args) {
		InputStream password = new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
		return run((out, err, all) -> new PartnersCommand(out, err, password).run(all, directory), args);
	}

	/**
	 * Runs a command against the broker as its administrator, with what it prints.
	 */
	private static Run run(Command command, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--command-config", adminConfig.toString()));
		int exit = command.run(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), all);
		return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/**
	 * The definitions on their topic, latest by name, as the administrator reads them.
	 */
	private static Map<String, String> definitions() {
		Map<String, Object> config = new HashMap<>(broker.clientConfig(KafkaCredentials.ADMIN));
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		Map<String, String> definitions = new HashMap<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(Packages.DEFINITIONS_TOPIC, 0);
			consumer.assign(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			while (consumer.position(partition) < end) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (record.value() == null) {
						definitions.remove(record.key());
					}
					else {
						definitions.put(record.key(), record.value());
					}
				});
			}
		}
		return definitions;
	}

	private static List<String> read(KafkaUser partner, String topic) {
		Map<String, Object> config = new HashMap<>(partner.clientConfig(broker.bootstrapServers()));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, Partners.groupPrefix(partner.name()) + topic);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<String> values = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (values.isEmpty() && System.nanoTime() - deadline < 0) {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> values.add(record.value()));
			}
			return values;
		}
	}

	private static void assertRefused(KafkaUser partner, String topic) {
		Map<String, Object> config = new HashMap<>(partner.clientConfig(broker.bootstrapServers()));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, Partners.groupPrefix(partner.name()) + "refused");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(List.of(new TopicPartition(topic, 0)));
			assertThatThrownBy(() -> {
				for (int i = 0; i < 20; i++) {
					consumer.poll(Duration.ofMillis(500));
				}
			}).as("reading %s", topic).isInstanceOf(TopicAuthorizationException.class);
		}
	}

	private interface Command {

		int run(PrintStream out, PrintStream err, List<String> args);

	}

	private record Run(int exit, String out, String err) {

	}

}
