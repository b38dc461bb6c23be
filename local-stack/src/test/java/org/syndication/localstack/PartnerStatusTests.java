package org.syndication.localstack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How far partners' groups have read, on a real broker: records not read yet, how old the
 * oldest of them is, and a warning for a group behind by two of the seven days the topic
 * keeps.
 */
class PartnerStatusTests {

	private static final Instant NOW = Instant.now();

	private static final TopicPartition FIRST = new TopicPartition(KafkaAccess.TOPIC, 0);

	private static final TopicPartition SECOND = new TopicPartition(KafkaAccess.TOPIC, 1);

	private static TestCluster cluster;

	private static KafkaUser reader;

	@BeforeAll
	static void startBrokerWithAWeekOfHistoryAndThreePartnersGroups() throws Exception {
		cluster = TestCluster.start("partner-status").withArticles(2, Duration.ofDays(7));
		// Partition 0: five events three days old, then five an hour old; partition 1:
		// two events a minute old, in a transaction (offset 2 is its commit marker), as
		// the publisher writes.
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				cluster.broker().clientConfig(KafkaCredentials.PUBLISHER), new StringSerializer(),
				new StringSerializer())) {
			for (int i = 0; i < 10; i++) {
				Instant time = NOW.minus((i < 5) ? Duration.ofDays(3) : Duration.ofHours(1));
				producer.send(new ProducerRecord<>(KafkaAccess.TOPIC, 0, time.toEpochMilli(), "article-" + i, "event"))
					.get();
			}
		}
		Map<String, Object> transactional = new HashMap<>(cluster.broker().clientConfig(KafkaCredentials.PUBLISHER));
		transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaAccess.PUBLISHER_TRANSACTIONAL_ID);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(transactional, new StringSerializer(),
				new StringSerializer())) {
			producer.initTransactions();
			producer.beginTransaction();
			for (int i = 0; i < 2; i++) {
				producer.send(new ProducerRecord<>(KafkaAccess.TOPIC, 1, NOW.minusSeconds(60).toEpochMilli(),
						"article-" + (10 + i), "event"));
			}
			producer.commitTransaction();
		}
		Partners partners = new Partners(cluster.admin());
		partners.add("acme", null);
		partners.add("quiet", null);
		reader = partners.add("reader", null);
		commit("acme.archive", Map.of(FIRST, 2L, SECOND, 0L));
		commit("acme.feeds", Map.of(FIRST, 10L, SECOND, 2L));
		commit("acme.search", Map.of(FIRST, 5L, SECOND, 2L));
	}

	@AfterAll
	static void stopBroker() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void aGroupThreeDaysBehindOnAWeekOfHistoryIsWarnedAboutAndOnesCloserAreNot() {
		Map<String, List<PartnerStatus.Group>> status = status().of(List.of("acme", "quiet"), NOW);

		assertThat(status.get("quiet")).as("a partner that has read nothing yet").isEmpty();
		List<PartnerStatus.Group> groups = status.get("acme");
		assertThat(groups).extracting(PartnerStatus.Group::id)
			.containsExactly("acme.archive", "acme.feeds", "acme.search");
		PartnerStatus.TopicLag archive = only(groups.get(0));
		// Offsets, as Kafka's tools count them: the marker too.
		assertThat(archive.lag()).isEqualTo(8 + 3);
		assertThat(archive.oldestUnread()).hasValueSatisfying(
				(time) -> assertThat(time.toEpochMilli()).isEqualTo(NOW.minus(Duration.ofDays(3)).toEpochMilli()));
		assertThat(archive.behind()).isCloseTo(Duration.ofDays(3), Duration.ofSeconds(1));
		assertThat(archive.history()).contains(Duration.ofDays(7));
		assertThat(archive.warned()).isTrue();
		assertThat(groups.get(0).warned()).isTrue();
		assertThat(groups.get(0).state()).isEqualTo("Empty");
		assertThat(groups.get(0).members()).isZero();

		PartnerStatus.TopicLag feeds = only(groups.get(1));
		assertThat(feeds.lag()).isZero();
		assertThat(feeds.oldestUnread()).isEmpty();
		assertThat(feeds.behind()).isZero();
		assertThat(feeds.warned()).isFalse();

		PartnerStatus.TopicLag search = only(groups.get(2));
		assertThat(search.lag()).isEqualTo(5);
		assertThat(search.behind()).isCloseTo(Duration.ofHours(1), Duration.ofSeconds(1));
		assertThat(search.warned()).isFalse();
	}

	@Test
	void aGroupThatReadEveryRecordButNotTheLastTransactionMarkerIsUpToDate() {
		PartnerStatus.TopicLag feeds = only(status().of(List.of("acme"), NOW)
			.get("acme")
			.stream()
			.filter((group) -> group.id().equals("acme.feeds"))
			.findFirst()
			.orElseThrow());

		assertThat(feeds.lag()).isZero();
		assertThat(feeds.behind()).isZero();
	}

	@Test
	void aConsumerReadingInItsGroupCountsAsAMemberAndItsCommitsMoveTheLag() {
		Map<String, Object> config = new HashMap<>(reader.clientConfig(cluster.broker().bootstrapServers()));
		config.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "reader.live", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(KafkaAccess.TOPIC));
			int read = 0;
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (read < 12 && System.nanoTime() - deadline < 0) {
				read += consumer.poll(Duration.ofMillis(500)).count();
			}
			assertThat(read).isEqualTo(12);
			consumer.commitSync();

			List<PartnerStatus.Group> groups = status().of(List.of("reader"), NOW).get("reader");

			assertThat(groups).extracting(PartnerStatus.Group::id).containsExactly("reader.live");
			PartnerStatus.Group live = groups.get(0);
			assertThat(live.members()).isOne();
			assertThat(only(live).lag()).isZero();
			assertThat(live.warned()).isFalse();
		}
	}

	@Test
	void theCommandPrintsEachGroupAndTheWarning(@TempDir Path dataDir) throws Exception {
		Path config = cluster.adminConfig();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		// The records' times are set from NOW: the command tells how far behind from it
		// too,
		// however long the tests before it took.
		PartnersCommand command = new PartnersCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
				Clock.fixed(NOW, ZoneOffset.UTC));

		int exit = command.run(List.of("status", "--command-config", config.toString()), dataDir);

		assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
		List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("acme")
			.contains("acme.archive", "articles", " 11 ", "3 d", "WARNING: over 2 d behind on a topic that keeps 7 d"));
		assertThat(lines)
			.anySatisfy((line) -> assertThat(line).contains("acme.feeds", "up to date").doesNotContain("WARNING"));
		assertThat(lines)
			.anySatisfy((line) -> assertThat(line).contains("acme.search", "1 h 0 min").doesNotContain("WARNING"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("quiet").contains("no consumer groups"));

		assertThat(command.run(List.of("status", "nobody", "--command-config", config.toString()), dataDir))
			.isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("There is no partner named 'nobody'");
	}

	private static PartnerStatus status() {
		Map<String, Object> config = new HashMap<>(cluster.broker().clientConfig(KafkaCredentials.ADMIN));
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return new PartnerStatus(cluster.admin(), PartnerStatus.Reader
			.with(() -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())));
	}

	private static PartnerStatus.TopicLag only(PartnerStatus.Group group) {
		assertThat(group.topics()).hasSize(1);
		return group.topics().get(0);
	}

	private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
		offsets.forEach((partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
		cluster.admin().alterConsumerGroupOffsets(group, committed).all().get(30, TimeUnit.SECONDS);
	}

}
