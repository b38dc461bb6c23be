package org.syndication.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaBrokerProcessTest {

	private static final String TOPIC = "articles";

	@TempDir
	Path directory;

	@Test
	void recordSurvivesAGracefulRestart() throws Exception {
		try (KafkaBrokerProcess broker = KafkaBrokerProcess.onFreePorts(this.directory)) {
			assertThat(List.of(broker.port(), broker.controllerPort())).doesNotContain(9092, 9093);
			broker.start();
			createTopic(broker);
			produce(broker, "article-1", "first");
			assertThat(consumeAll(broker, 1)).containsExactly("article-1=first");
			ProcessHandle firstProcess = broker.process().orElseThrow();

			broker.stop();
			assertThat(firstProcess.isAlive()).isFalse();
			assertThat(broker.isRunning()).isFalse();

			broker.start();
			assertThat(broker.process().orElseThrow().pid()).isNotEqualTo(firstProcess.pid());
			assertThat(consumeAll(broker, 1)).containsExactly("article-1=first");
			assertThat(broker.outputTail(200)).contains("Kafka Server started").doesNotContain(" DEBUG ");
		}
	}

	@Test
	void killedBrokerLeavesNoProcessAndComesBackWithItsData() throws Exception {
		try (KafkaBrokerProcess broker = KafkaBrokerProcess.onFreePorts(this.directory)) {
			broker.start();
			createTopic(broker);
			produce(broker, "article-1", "written before the crash");
			ProcessHandle process = broker.process().orElseThrow();
			List<ProcessHandle> descendants = process.descendants().toList();

			broker.kill();
			assertThat(process.isAlive()).isFalse();
			assertThat(descendants).noneMatch(ProcessHandle::isAlive);
			assertThat(ProcessHandle.of(process.pid())).isEmpty();
			assertThat(FreePorts.isFree(broker.port())).isTrue();

			broker.start();
			assertThat(consumeAll(broker, 1)).containsExactly("article-1=written before the crash");
		}
	}

	private static void createTopic(KafkaBrokerProcess broker) throws Exception {
		try (Admin admin = Admin.create(broker.clientConfig(KafkaCredentials.ADMIN))) {
			admin.createTopics(Set.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
		}
	}

	private static void produce(KafkaBrokerProcess broker, String key, String value) throws Exception {
		Map<String, Object> config = new HashMap<>(broker.clientConfig(KafkaCredentials.PUBLISHER));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
		}
	}

	/**
	 * Reads the topic from the beginning with a new consumer group until {@code expected}
	 * records arrived.
	 */
	private static List<String> consumeAll(KafkaBrokerProcess broker, int expected) {
		Map<String, Object> config = new HashMap<>(broker.clientConfig(KafkaCredentials.ADMIN));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, UUID.randomUUID().toString());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<String> received = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					received.add(record.key() + "=" + record.value());
				}
				return received.size() >= expected;
			});
		}
		return received;
	}

}
