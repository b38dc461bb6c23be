package org.syndication.feed.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.feed.rendering.FeedItem;
import org.syndication.testsupport.DeadLetterTopic;
import org.syndication.testsupport.EmbeddedKafkaBinder;
import org.syndication.testsupport.TopicWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database away while records arrive, on a real broker: the records wait for it,
 * longer than the binding's attempts for a record that fails for itself, and none goes to
 * the dead-letter topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:feed-outage;DB_CLOSE_DELAY=-1",
				"spring.cloud.stream.kafka.binder.min-partition-count=1",
				"spring.cloud.stream.bindings.articles-in-0.consumer.auto-startup=false",
				"feed.websub.secret-keys=" + FeedIntegrationTest.SECRET_KEY })
@EmbeddedKafkaBinder(partitions = 1)
class DatabaseOutageTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private BindingsLifecycleController bindings;

	@Autowired
	private FeedCatalog catalog;

	@Autowired
	private Outage outage;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void recordsThatArriveWhileTheDatabaseIsAwayAreAppliedWhenItReturnsAndNoneIsDeadLettered() {
		List<ArticleEvents.Builder> articles = List.of(ArticleEvents.article().categories("outage"),
				ArticleEvents.article().categories("outage"), ArticleEvents.article().categories("outage"));
		try (TopicWriter topic = new TopicWriter(this.broker.getBrokersAsString())) {
			articles.forEach((article) -> topic.send(article.published()));
		}

		this.outage.away.set(true);
		this.bindings.changeState("articles-in-0", State.STARTED);
		// Each attempt asks twice (the batch, then its first record alone): the first
		// record has been tried more often than the binding's three attempts allow a
		// record that fails for itself.
		await().atMost(PATIENCE).until(() -> this.outage.refused.get() >= 2 * 4);
		this.outage.away.set(false);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(items()).extracting(FeedItem::id)
				.containsExactlyInAnyOrderElementsOf(articles.stream().map(ArticleEvents.Builder::id).toList()));
		// A record that fails for itself still goes there, after the others.
		String poisonKey = UUID.randomUUID().toString();
		try (TopicWriter topic = new TopicWriter(this.broker.getBrokersAsString())) {
			topic.raw(poisonKey, "not an event");
		}
		assertThat(DeadLetterTopic.keysBefore(this.broker.getBrokersAsString(), "articles.feed-service.dlq", poisonKey,
				PATIENCE))
			.isEmpty();
		// The position in the database goes past it with the group's offset, so that the
		// next start does not read it, and dead-letter it, again.
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(position()).isEqualTo(committed()));
	}

	private long position() {
		return this.jdbc
			.sql("SELECT next_offset FROM consumer_position WHERE topic = 'articles' AND kafka_partition = 0")
			.query(Long.class)
			.single();
	}

	private long committed() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			OffsetAndMetadata offset = admin.listConsumerGroupOffsets("feed-service")
				.partitionsToOffsetAndMetadata()
				.get()
				.get(new TopicPartition("articles", 0));
			return (offset != null) ? offset.offset() : -1;
		}
	}

	private List<FeedItem> items() {
		return this.catalog.snapshot(FeedKey.category("outage"), 50).map(FeedSnapshot::items).orElse(List.of());
	}

	/** The database as the service sees it, which a test can take away. */
	static final class Outage {

		final AtomicBoolean away = new AtomicBoolean();

		/** Connections refused to the consumer's thread. */
		final AtomicInteger refused = new AtomicInteger();

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class AwayableDatabase {

		@Bean
		Outage outage() {
			return new Outage();
		}

		@Bean
		static BeanPostProcessor awayableDataSource(ObjectProvider<Outage> outage) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof DataSource dataSource)) {
						return bean;
					}
					return new DelegatingDataSource(dataSource) {

						@Override
						public Connection getConnection() throws SQLException {
							if (outage.getObject().away.get()) {
								// Counted for the consumer alone: feed-service's other
								// work asks too, once a second.
								if (Thread.currentThread().getName().contains("-C-")) {
									outage.getObject().refused.incrementAndGet();
								}
								throw new SQLTransientConnectionException("The database is away");
							}
							return super.getConnection();
						}

					};
				}

			};
		}

	}

}
