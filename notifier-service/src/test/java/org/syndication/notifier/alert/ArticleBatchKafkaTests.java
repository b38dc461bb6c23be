package org.syndication.notifier.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.testsupport.DeadLetterTopic;
import org.syndication.testsupport.EmbeddedKafkaBinder;
import org.syndication.testsupport.TopicWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The binding on a real embedded Kafka broker, taking the records of a poll together: the
 * records are on the topic before the binding starts, so that they come in one batch.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:article-batches;DB_CLOSE_DELAY=-1",
		"spring.cloud.stream.bindings.articles-in-0.consumer.auto-startup=false",
		"notifier.token-secret=test-secret-test-secret-test-secret-42", "spring.mail.port=1" })
@EmbeddedKafkaBinder(partitions = 1)
class ArticleBatchKafkaTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private BindingsLifecycleController bindings;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aPoisonRecordGoesToTheDeadLetterTopicAndTheRestOfItsBatchIsApplied() {
		List<UUID> before = new ArrayList<>();
		List<UUID> after = new ArrayList<>();
		String poisonKey = UUID.randomUUID().toString();
		try (TopicWriter topic = new TopicWriter(this.broker.getBrokersAsString())) {
			for (int i = 0; i < 5; i++) {
				ArticleEvents.Builder article = ArticleEvents.justPublished().title("Before the poison " + i);
				before.add(article.id());
				topic.send(article.published());
			}
			topic.raw(poisonKey, "{\"type\": \"article.published\", \"eventId\": 42}");
			for (int i = 0; i < 5; i++) {
				ArticleEvents.Builder article = ArticleEvents.justPublished().title("After the poison " + i);
				after.add(article.id());
				topic.send(article.published());
			}
		}
		this.bindings.changeState("articles-in-0", State.STARTED);

		List<ConsumerRecord<String, String>> dead = DeadLetterTopic.read(this.broker.getBrokersAsString(),
				"articles.notifier-service.dlq", poisonKey, 1, PATIENCE);
		await().atMost(PATIENCE).until(() -> recorded(before) == before.size() && recorded(after) == after.size());
		assertThat(dead).hasSize(1);
		assertThat(dead.get(0).value()).isEqualTo("{\"type\": \"article.published\", \"eventId\": 42}");
		assertThat(header(dead.get(0), "x-exception-message")).isNotBlank();
		assertThat(header(dead.get(0), "x-original-topic")).isEqualTo("articles");
	}

	private long recorded(List<UUID> articles) {
		return this.jdbc.sql("SELECT COUNT(*) FROM article_alert WHERE article_id IN (:ids)")
			.param("ids", articles)
			.query(Long.class)
			.single();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), java.nio.charset.StandardCharsets.UTF_8);
	}

}
