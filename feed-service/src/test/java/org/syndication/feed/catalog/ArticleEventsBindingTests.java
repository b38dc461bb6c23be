package org.syndication.feed.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.rendering.FeedItem;
import org.syndication.web.pipeline.PipelineAutoConfiguration;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.autoconfigure.json.AutoConfigureJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The topic binding as the binder calls it in batch mode: one message with the values of
 * a poll's records and their keys as lists, on the real catalog.
 */
@JdbcTest
@AutoConfigureJson
@ImportAutoConfiguration(PipelineAutoConfiguration.class)
@Import({ ArticleEventsBinding.class, FeedCatalog.class, ArticleRepository.class, FeedItemRepository.class,
		FeedStateRepository.class, ArticleEventsBindingTests.Config.class })
class ArticleEventsBindingTests {

	@Autowired
	private Consumer<Message<List<Object>>> articles;

	@Autowired
	private FeedCatalog catalog;

	@Autowired
	private JsonMapper json;

	@Test
	void aPoisonRecordFailsTheBatchAtItsIndexOnceTheRecordsBeforeItAreApplied() {
		ArticleEvents.Builder before = ArticleEvents.article().categories("poison-batch");
		ArticleEvents.Builder after = ArticleEvents.article().categories("poison-batch");
		List<Object> values = List.of(value(before), "this is not json".getBytes(StandardCharsets.UTF_8), value(after));
		List<Object> keys = List.of(key(before), key(before), key(after));

		BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
				() -> this.articles.accept(batch(values, keys)));

		assertThat(failure.getIndex()).isEqualTo(1);
		assertThat(failure.getMessage()).contains("Unreadable record");
		assertThat(ids("poison-batch")).containsExactly(before.id());

		// The error handler hands the records after the poison record over again.
		this.articles.accept(batch(values.subList(2, 3), keys.subList(2, 3)));
		assertThat(ids("poison-batch")).containsExactlyInAnyOrder(before.id(), after.id());
	}

	@Test
	void tombstonesInABatchRemoveTheirArticles() {
		ArticleEvents.Builder gone = ArticleEvents.article().categories("tombstone-batch");
		ArticleEvents.Builder stays = ArticleEvents.article().categories("tombstone-batch");
		// The binder hands a tombstone's value over as null.
		List<Object> values = Arrays.asList(value(gone), value(stays), null);
		List<Object> keys = List.of(key(gone), key(stays), key(gone));

		this.articles.accept(batch(values, keys));

		assertThat(ids("tombstone-batch")).containsExactly(stays.id());
	}

	private List<UUID> ids(String category) {
		return this.catalog.snapshot(FeedKey.category(category), 50)
			.map(FeedSnapshot::items)
			.orElse(List.of())
			.stream()
			.map(FeedItem::id)
			.toList();
	}

	private byte[] value(ArticleEvents.Builder article) {
		return this.json.writeValueAsBytes(article.published());
	}

	private static byte[] key(ArticleEvents.Builder article) {
		return article.id().toString().getBytes(StandardCharsets.UTF_8);
	}

	private static Message<List<Object>> batch(List<Object> values, List<Object> keys) {
		return MessageBuilder.withPayload(values).setHeader(KafkaHeaders.RECEIVED_KEY, keys).build();
	}

	@EnableConfigurationProperties(FeedProperties.class)
	static class Config {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

}
