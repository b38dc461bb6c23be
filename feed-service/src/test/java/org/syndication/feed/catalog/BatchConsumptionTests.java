package org.syndication.feed.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.feed.rendering.FeedItem;
import org.syndication.testsupport.DeadLetterTopic;
import org.syndication.testsupport.EmbeddedKafkaBinder;
import org.syndication.testsupport.TopicWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The binding in batch mode on a real broker: the records are on the topic (one
 * partition) before the binding starts, so that its first poll takes them as one batch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:feed-batch;DB_CLOSE_DELAY=-1",
				"spring.cloud.stream.kafka.binder.min-partition-count=1",
				"spring.cloud.stream.bindings.articles-in-0.consumer.auto-startup=false",
				"feed.websub.secret-keys=" + FeedIntegrationTest.SECRET_KEY })
@EmbeddedKafkaBinder(partitions = 1)
class BatchConsumptionTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private BindingsLifecycleController bindings;

	@Autowired
	private FeedCatalog catalog;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aPoisonRecordInTheMiddleOfABatchGoesToTheDeadLetterTopicAndTheRecordsAroundItAreApplied() {
		ArticleEvents.Builder edited = ArticleEvents.article().categories("one-batch");
		ArticleEvents.Builder after = ArticleEvents.article().categories("one-batch");
		ArticleEvents.Builder erased = ArticleEvents.article().categories("one-batch");
		String poisonKey = UUID.randomUUID().toString();
		try (TopicWriter topic = new TopicWriter(this.broker.getBrokersAsString())) {
			topic.send(edited.title("First").published());
			topic.send(edited.version(3).title("Third").updated());
			topic.send(edited.version(2).title("Second").updated());
			topic.send(erased.published());
			topic.raw(poisonKey, "{\"type\":\"article.published\",\"eventId\":42}");
			topic.send(after.published());
			topic.send(after.published());
			topic.tombstone(erased.id());
		}

		this.bindings.changeState("articles-in-0", State.STARTED);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(items()).extracting(FeedItem::id)
				.containsExactlyInAnyOrder(edited.id(), after.id()));
		assertThat(items()).filteredOn((item) -> item.id().equals(edited.id()))
			.extracting(FeedItem::title)
			.containsExactly("Third");
		List<ConsumerRecord<String, String>> dead = DeadLetterTopic.read(this.broker.getBrokersAsString(),
				"articles.feed-service.dlq", poisonKey, 1, PATIENCE);
		assertThat(dead).hasSize(1);
		assertThat(dead.get(0).value()).isEqualTo("{\"type\":\"article.published\",\"eventId\":42}");
		assertThat(dead.get(0).headers().lastHeader("x-original-topic").value()).asString(StandardCharsets.UTF_8)
			.isEqualTo("articles");
		assertThat(dead.get(0).headers().lastHeader("x-original-offset")).isNotNull();
		assertThat(dead.get(0).headers().lastHeader("x-exception-message").value()).asString(StandardCharsets.UTF_8)
			.isNotBlank();
		// Counted once the topic has taken it: once, not once for each of its attempts.
		await().atMost(PATIENCE).until(() -> deadLetters() == 1);
		await().during(Duration.ofSeconds(1)).until(() -> deadLetters() == 1);
	}

	private double deadLetters() {
		return this.meters.get("deadletter.records").tag("topic", "articles.feed-service.dlq").counter().count();
	}

	private List<FeedItem> items() {
		return this.catalog.snapshot(FeedKey.category("one-batch"), 50).map(FeedSnapshot::items).orElse(List.of());
	}

}
