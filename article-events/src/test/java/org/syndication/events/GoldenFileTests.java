package org.syndication.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values written by earlier versions of the contract, frozen in {@code golden/}: the
 * current records must still read them, and the schema must still accept them. These
 * files are the past; never regenerate them from the code.
 */
class GoldenFileTests {

	private static final UUID ARTICLE_ID = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");

	private final JsonMapper mapper = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "v1/article-published.json", "v1/article-updated.json", "v1/article-retracted.json",
			"v1/article-published-with-extra-fields.json", "v1/article-published-breaking.json",
			"v1/article-published-with-image.json" })
	void goldenValueIsSchemaValid(String file) {
		assertThat(ArticleEventSchema.validate(golden(file))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1/article-published.json", "v1/article-updated.json", "v1/article-retracted.json",
			"v1/article-published-breaking.json", "v1/article-published-with-image.json" })
	void currentRecordsWriteBackTheSameJsonAsGoldenValue(String file) {
		JsonNode golden = this.mapper.readTree(golden(file));
		ArticleEvent event = this.mapper.readValue(golden(file), ArticleEvent.class);
		assertThat(this.mapper.readTree(this.mapper.writeValueAsString(event))).isEqualTo(golden);
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1/article-published.json", "v1/article-updated.json", "v1/article-retracted.json",
			"v1/article-published-with-extra-fields.json" })
	void goldenValueWithoutBreakingReadsAsNotBreakingAndWritesBackWithoutIt(String file) {
		for (JsonMapper mapper : List.of(this.mapper, JsonMapper.shared(),
				JsonMapper.builderWithJackson2Defaults().build())) {
			assertThat(mapper.readTree(golden(file)).get("article").has("breaking")).isFalse();
			ArticleEvent event = mapper.readValue(golden(file), ArticleEvent.class);
			assertThat(event.article().breaking()).isFalse();
			JsonNode written = mapper.readTree(mapper.writeValueAsString(event));
			assertThat(written.get("article").has("breaking")).isFalse();
			assertThat(ArticleEventSchema.validate(written)).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1/article-published.json", "v1/article-updated.json", "v1/article-retracted.json",
			"v1/article-published-with-extra-fields.json", "v1/article-published-breaking.json" })
	void goldenValueWithoutImageReadsAsNoImageAndWritesBackWithoutIt(String file) {
		for (JsonMapper mapper : List.of(this.mapper, JsonMapper.shared(),
				JsonMapper.builderWithJackson2Defaults().build())) {
			assertThat(mapper.readTree(golden(file)).get("article").has("image")).isFalse();
			ArticleEvent event = mapper.readValue(golden(file), ArticleEvent.class);
			assertThat(event.article().image()).isNull();
			JsonNode written = mapper.readTree(mapper.writeValueAsString(event));
			assertThat(written.get("article").has("image")).isFalse();
			assertThat(ArticleEventSchema.validate(written)).isEmpty();
		}
	}

	@Test
	void goldenEventWithImageReads() {
		ArticleEvent event = read("v1/article-published-with-image.json");
		assertThat(event.eventId()).isEqualTo(UUID.fromString("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"));
		assertThat(event.type()).isEqualTo(ArticleEventType.PUBLISHED);
		ArticleSnapshot article = event.article();
		assertThat(article.id()).isEqualTo(UUID.fromString("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"));
		assertThat(article.title()).isEqualTo("The old lighthouse reopens");
		assertThat(article.breaking()).isFalse();
		assertThat(article.image()).isEqualTo(new ArticleImage("https://images.example.com/lighthouse.jpg",
				"The white lighthouse on its rock at dusk", 1200, 800));
	}

	@Test
	void goldenPublishedEventReads() {
		ArticleEvent event = read("v1/article-published.json");
		assertThat(event.eventId()).isEqualTo(UUID.fromString("3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b"));
		assertThat(event.type()).isEqualTo(ArticleEventType.PUBLISHED);
		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
		ArticleSnapshot article = event.article();
		assertThat(article.id()).isEqualTo(ARTICLE_ID);
		assertThat(article.version()).isEqualTo(1);
		assertThat(article.title()).isEqualTo("Kafka for syndication");
		assertThat(article.summary()).isEqualTo("Why partners get pushed events instead of polling us.");
		assertThat(article.contentHtml()).isEqualTo("<p>Events, <strong>not</strong> polling.</p>");
		assertThat(article.url()).isEqualTo("https://news.example.com/articles/kafka-for-syndication");
		assertThat(article.authors()).containsExactly("Ada Lovelace", "Grace Hopper");
		assertThat(article.categories()).containsExactly("engineering", "syndication");
		assertThat(article.language()).isEqualTo("en");
		assertThat(article.publishedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
		assertThat(article.updatedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
	}

	@Test
	void goldenUpdatedEventWithNullsMillisAndEmptyListsReads() {
		ArticleEvent event = read("v1/article-updated.json");
		assertThat(event.eventId()).isEqualTo(UUID.fromString("c4d5e6f7-0a1b-4c2d-9e3f-4a5b6c7d8e9f"));
		assertThat(event.type()).isEqualTo(ArticleEventType.UPDATED);
		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00.123Z"));
		ArticleSnapshot article = event.article();
		assertThat(article.id()).isEqualTo(ARTICLE_ID);
		assertThat(article.version()).isEqualTo(2);
		assertThat(article.title()).isEqualTo("Kafka for syndication (corrected)");
		assertThat(article.summary()).isNull();
		assertThat(article.contentHtml()).isNull();
		assertThat(article.authors()).isEmpty();
		assertThat(article.categories()).isEmpty();
		assertThat(article.language()).isEqualTo("en-GB");
		assertThat(article.publishedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
		assertThat(article.updatedAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00.123Z"));
	}

	@Test
	void goldenRetractedEventReads() {
		ArticleEvent event = read("v1/article-retracted.json");
		assertThat(event.eventId()).isEqualTo(UUID.fromString("e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7"));
		assertThat(event.type()).isEqualTo(ArticleEventType.RETRACTED);
		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-25T17:45:00Z"));
		assertThat(event.article().id()).isEqualTo(ARTICLE_ID);
		assertThat(event.article().version()).isEqualTo(3);
		assertThat(event.article().authors()).containsExactly("Ada Lovelace");
		assertThat(event.article().updatedAt()).isEqualTo(Instant.parse("2026-11-25T17:45:00Z"));
	}

	@Test
	void goldenBreakingEventReads() {
		ArticleEvent event = read("v1/article-published-breaking.json");
		assertThat(event.eventId()).isEqualTo(UUID.fromString("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"));
		assertThat(event.type()).isEqualTo(ArticleEventType.PUBLISHED);
		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-26T14:02:11Z"));
		ArticleSnapshot article = event.article();
		assertThat(article.id()).isEqualTo(UUID.fromString("8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a"));
		assertThat(article.version()).isEqualTo(1);
		assertThat(article.title()).isEqualTo("Flooding closes the central station");
		assertThat(article.authors()).containsExactly("Grace Hopper");
		assertThat(article.categories()).containsExactly("transport");
		assertThat(article.publishedAt()).isEqualTo(Instant.parse("2026-11-26T14:02:11Z"));
		assertThat(article.updatedAt()).isEqualTo(Instant.parse("2026-11-26T14:02:11Z"));
		assertThat(article.breaking()).isTrue();
	}

	@Test
	void goldenEventWithUnknownFieldsReadsEvenWhenMapperFailsOnUnknownProperties() {
		JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		ArticleEvent event = strict.readValue(golden("v1/article-published-with-extra-fields.json"),
				ArticleEvent.class);
		assertThat(event.eventId()).isEqualTo(UUID.fromString("7b6a5f4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e"));
		assertThat(event.type()).isEqualTo(ArticleEventType.PUBLISHED);
		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-01T06:30:00Z"));
		ArticleSnapshot article = event.article();
		assertThat(article.id()).isEqualTo(UUID.fromString("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"));
		assertThat(article.version()).isEqualTo(1);
		assertThat(article.title()).isEqualTo("東京で新しい図書館が開館");
		assertThat(article.summary()).isEqualTo("市民のための新しい場所。");
		assertThat(article.contentHtml()).isEqualTo("<p>図書館は<em>毎日</em>開いています。</p>");
		assertThat(article.url()).isEqualTo("https://news.example.com/ja/articles/new-library");
		assertThat(article.authors()).containsExactly("山田 太郎");
		assertThat(article.categories()).containsExactly("文化");
		assertThat(article.language()).isEqualTo("ja");
		assertThat(article.publishedAt()).isEqualTo(Instant.parse("2026-12-01T06:30:00Z"));
		assertThat(article.updatedAt()).isEqualTo(Instant.parse("2026-12-01T06:30:00Z"));
	}

	@Test
	void goldenEventsReadWithSharedMapperToo() {
		for (String file : new String[] { "v1/article-published.json", "v1/article-updated.json",
				"v1/article-retracted.json", "v1/article-published-with-extra-fields.json",
				"v1/article-published-breaking.json", "v1/article-published-with-image.json" }) {
			assertThat(JsonMapper.shared().readValue(golden(file), ArticleEvent.class))
				.isEqualTo(this.mapper.readValue(golden(file), ArticleEvent.class));
		}
	}

	private ArticleEvent read(String file) {
		return this.mapper.readValue(golden(file), ArticleEvent.class);
	}

	private static String golden(String file) {
		return ArticleEventSchema.resource("golden/" + file);
	}

}
