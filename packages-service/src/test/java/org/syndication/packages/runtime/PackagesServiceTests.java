package org.syndication.packages.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEvents;
import org.syndication.packages.definition.PackageDefinition;
import org.syndication.packages.definition.PackageDefinitions;
import org.syndication.packages.definition.PackageFormat;
import org.syndication.packages.routing.PackageTopics;
import org.syndication.testsupport.TopicWriter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as it runs: it creates its own topics, starts the topology, routes the
 * articles into the packages defined on the definitions topic, says when it is ready, and
 * shows its metrics to the management token only. The embedded broker asks for no
 * credentials; the secured brokers, with this service's ACLs, are tested in system-tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.security.protocol=PLAINTEXT",
				"packages.state-dir=target/packages-state/${random.uuid}", "packages.topic-wait=200ms",
				"packages.management.token=" + PackagesServiceTests.MANAGEMENT_TOKEN })
@EmbeddedKafka(partitions = 3, topics = "articles", bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class PackagesServiceTests {

	static final String MANAGEMENT_TOKEN = "test-management-token-0123456789";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@Test
	void createsItsTopicsAndBecomesReady() throws Exception {
		await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness", null).statusCode() == 200);
		try (Admin admin = admin()) {
			assertThat(admin.listTopics().names().get()).contains(PackageDefinitions.TOPIC,
					PackageTopics.DEAD_LETTER_TOPIC);
			ConfigResource definitions = new ConfigResource(ConfigResource.Type.TOPIC, PackageDefinitions.TOPIC);
			assertThat(admin.describeConfigs(List.of(definitions))
				.all()
				.get()
				.get(definitions)
				.get(TopicConfig.CLEANUP_POLICY_CONFIG)
				.value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
			assertThat(admin.describeTopics(List.of(PackageTopics.DEAD_LETTER_TOPIC))
				.allTopicNames()
				.get()
				.get(PackageTopics.DEAD_LETTER_TOPIC)
				.partitions()).hasSize(3);
		}
	}

	@Test
	void routesArticlesIntoThePackageDefinedOnTheDefinitionsTopic() throws Exception {
		await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness", null).statusCode() == 200);
		String name = "sport" + UUID.randomUUID().toString().substring(0, 8);
		ArticleEvent sport = ArticleEvents.article().categories(name).published();
		ArticleEvent culture = ArticleEvents.article().categories("culture").published();
		try (TopicWriter articles = new TopicWriter(this.bootstrapServers)) {
			// Published before the package exists: the back-catalogue fill brings it in.
			articles.send(sport);
			articles.send(culture);
		}
		try (Admin admin = admin()) {
			admin
				.createTopics(List
					.of(new NewTopic(PackageTopics.of(name), 3, (short) 1).configs(PackageTopics.packageTopicConfig())))
				.all()
				.get();
		}
		define(new PackageDefinition(name, Set.of(name), Set.of(), Set.of(), PackageFormat.EVENTS));
		ArticleEvent later = ArticleEvents.article().categories(name).published();
		try (TopicWriter articles = new TopicWriter(this.bootstrapServers)) {
			articles.send(later);
		}

		List<ConsumerRecord<String, byte[]>> records = readCommitted(PackageTopics.of(name), 2);
		assertThat(records).extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrder(sport.article().id().toString(), later.article().id().toString());
	}

	@Test
	void showsItsMetricsToTheManagementTokenOnly() throws Exception {
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "wrong-token").statusCode()).isEqualTo(401);
		assertThat(get("/anything", null).statusCode()).isEqualTo(401);
		await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness", null).statusCode() == 200);
		HttpResponse<String> metrics = get("/actuator/prometheus", MANAGEMENT_TOKEN);
		assertThat(metrics.statusCode()).isEqualTo(200);
		// Kafka Streams' own metrics, the topology's threads among them.
		assertThat(metrics.body()).contains("kafka_stream_thread_process_total", "service_ready");
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers));
	}

	private void define(PackageDefinition definition) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers), new StringSerializer(),
				new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>(PackageDefinitions.TOPIC, definition.name(),
						PackageDefinitions.write(definition)))
				.get();
		}
	}

	private List<ConsumerRecord<String, byte[]>> readCommitted(String topic, int expected) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG,
				"test-" + UUID.randomUUID()), new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			// Anything more that was on its way shows too.
			consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
		}
		return records;
	}

}
