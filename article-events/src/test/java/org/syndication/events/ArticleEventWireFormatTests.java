package org.syndication.events;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Pins the shape on the wire, whatever the mapper the producer happens to be configured
 * with.
 */
class ArticleEventWireFormatTests {

	private static final List<String> EVENT_FIELDS = List.of("eventId", "type", "occurredAt", "article");

	private static final List<String> ARTICLE_FIELDS = List.of("id", "version", "title", "summary", "contentHtml",
			"url", "authors", "categories", "language", "publishedAt", "updatedAt");

	private static final List<String> BREAKING_ARTICLE_FIELDS = Stream
		.concat(ARTICLE_FIELDS.stream(), Stream.of("breaking"))
		.toList();

	private static final List<String> IMAGE_ARTICLE_FIELDS = Stream.concat(ARTICLE_FIELDS.stream(), Stream.of("image"))
		.toList();

	private static final List<String> ALL_ARTICLE_FIELDS = Stream
		.concat(BREAKING_ARTICLE_FIELDS.stream(), Stream.of("image"))
		.toList();

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void eventFieldsAreWrittenInContractOrder() {
		JsonNode json = write(this.mapper, ArticleEvents.sample().published());
		assertThat(json.propertyNames()).containsExactlyElementsOf(EVENT_FIELDS);
		assertThat(json.get("article").propertyNames()).containsExactlyElementsOf(ARTICLE_FIELDS);
	}

	@Test
	void articleFieldsFollowTheRecordComponentOrder() {
		List<String> components = Arrays.stream(ArticleSnapshot.class.getRecordComponents())
			.map(RecordComponent::getName)
			.toList();
		assertThat(components).containsExactlyElementsOf(ALL_ARTICLE_FIELDS);
		List<String> imageComponents = Arrays.stream(ArticleImage.class.getRecordComponents())
			.map(RecordComponent::getName)
			.toList();
		assertThat(imageComponents).containsExactly("url", "alt", "width", "height");
		List<String> eventComponents = Arrays.stream(ArticleEvent.class.getRecordComponents())
			.map(RecordComponent::getName)
			.toList();
		assertThat(eventComponents).containsExactlyElementsOf(EVENT_FIELDS);
	}

	@Test
	void fieldOrderSurvivesAlphabeticalSortingMapper() {
		JsonMapper sorting = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
		JsonNode json = write(sorting, ArticleEvents.sample().published());
		assertThat(json.propertyNames()).containsExactlyElementsOf(EVENT_FIELDS);
		assertThat(json.get("article").propertyNames()).containsExactlyElementsOf(ARTICLE_FIELDS);
	}

	@Test
	void breakingIsWrittenLastAndOnlyWhenTrueWhateverTheMapper() {
		JsonMapper sorting = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
		JsonMapper always = JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.ALWAYS))
			.build();
		for (JsonMapper mapper : List.of(this.mapper, sorting, always,
				JsonMapper.builderWithJackson2Defaults().build())) {
			JsonNode breaking = write(mapper, ArticleEvents.sample().breaking(true).published()).get("article");
			assertThat(breaking.propertyNames()).containsExactlyElementsOf(BREAKING_ARTICLE_FIELDS);
			assertThat(breaking.get("breaking").isBoolean()).isTrue();
			assertThat(breaking.get("breaking").asBoolean()).isTrue();
			JsonNode notBreaking = write(mapper, ArticleEvents.sample().breaking(false).published()).get("article");
			assertThat(notBreaking.propertyNames()).containsExactlyElementsOf(ARTICLE_FIELDS);
		}
	}

	@Test
	void missingOrFalseBreakingReadsAsNotBreaking() {
		String withoutBreaking = this.mapper.writeValueAsString(ArticleEvents.sample().published());
		assertThat(this.mapper.readValue(withoutBreaking, ArticleEvent.class).article().breaking()).isFalse();
		JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
		assertThat(strict.readValue(withoutBreaking, ArticleEvent.class).article().breaking()).isFalse();
		String falseBreaking = withoutBreaking.replace("\"updatedAt\":\"2026-11-23T10:15:30Z\"",
				"\"updatedAt\":\"2026-11-23T10:15:30Z\",\"breaking\":false");
		assertThat(falseBreaking).contains("\"breaking\":false");
		assertThat(this.mapper.readValue(falseBreaking, ArticleEvent.class).article().breaking()).isFalse();
	}

	@Test
	void imageIsWrittenLastAndOnlyWhenPresentWhateverTheMapper() {
		JsonMapper sorting = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
		JsonMapper always = JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.ALWAYS))
			.build();
		for (JsonMapper mapper : List.of(this.mapper, sorting, always,
				JsonMapper.builderWithJackson2Defaults().build())) {
			ArticleImage image = new ArticleImage("https://images.example.com/a.png", "A map", 640, 480);
			JsonNode withImage = write(mapper, ArticleEvents.sample().image(image).published()).get("article");
			assertThat(withImage.propertyNames()).containsExactlyElementsOf(IMAGE_ARTICLE_FIELDS);
			assertThat(withImage.get("image").propertyNames()).containsExactly("url", "alt", "width", "height");
			assertThat(withImage.get("image").get("width").isInt()).isTrue();
			JsonNode breakingWithImage = write(mapper, ArticleEvents.sample().breaking(true).image(image).published())
				.get("article");
			assertThat(breakingWithImage.propertyNames()).containsExactlyElementsOf(ALL_ARTICLE_FIELDS);
			JsonNode withoutImage = write(mapper, ArticleEvents.sample().image(null).published()).get("article");
			assertThat(withoutImage.propertyNames()).containsExactlyElementsOf(ARTICLE_FIELDS);
		}
	}

	@Test
	void imageOfUnknownSizeIsWrittenWithoutWidthAndHeightButAlwaysWithAlt() {
		JsonMapper nonNull = JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_EMPTY))
			.build();
		for (JsonMapper mapper : List.of(this.mapper, nonNull)) {
			JsonNode image = write(mapper,
					ArticleEvents.sample().image("https://images.example.com/rule.svg", "").published())
				.get("article")
				.get("image");
			assertThat(image.propertyNames()).containsExactly("url", "alt");
			assertThat(image.get("alt").asString()).isEmpty();
			assertThat(ArticleEventSchema.validate(
					write(mapper, ArticleEvents.sample().image("https://images.example.com/rule.svg", "").published())))
				.isEmpty();
		}
	}

	@Test
	void missingImageReadsAsNoImage() {
		String withoutImage = this.mapper.writeValueAsString(ArticleEvents.sample().published());
		assertThat(withoutImage).doesNotContain("image");
		assertThat(this.mapper.readValue(withoutImage, ArticleEvent.class).article().image()).isNull();
	}

	@Test
	void wholeSecondDatesAreWrittenAsRfc3339UtcStrings() {
		JsonNode json = write(this.mapper, ArticleEvents.sample().published());
		assertThat(json.get("occurredAt").isString()).isTrue();
		assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-23T10:15:30Z");
		assertThat(json.get("article").get("publishedAt").asString()).isEqualTo("2026-11-23T10:15:30Z");
		assertThat(json.get("article").get("updatedAt").asString()).isEqualTo("2026-11-23T10:15:30Z");
	}

	@Test
	void datesWithMillisAreWrittenWithMillis() {
		JsonNode json = write(this.mapper,
				ArticleEvents.sample().updatedAt(Instant.parse("2026-11-23T10:15:30.123Z")).updated());
		assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-23T10:15:30.123Z");
		assertThat(json.get("article").get("updatedAt").asString()).isEqualTo("2026-11-23T10:15:30.123Z");
	}

	@Test
	void datesStayStringsWhenMapperWritesDatesAsTimestamps() {
		JsonMapper timestamps = JsonMapper.builder().enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
		JsonNode json = write(timestamps,
				ArticleEvents.sample().updatedAt(Instant.parse("2026-11-23T10:15:30.123Z")).updated());
		assertThat(json.get("occurredAt").isString()).isTrue();
		assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-23T10:15:30.123Z");
		assertThat(json.get("article").get("publishedAt").asString()).isEqualTo("2026-11-23T10:15:30Z");
		assertThat(json.get("article").get("updatedAt").asString()).isEqualTo("2026-11-23T10:15:30.123Z");
		assertThat(ArticleEventSchema.validate(json)).isEmpty();
	}

	@Test
	void datesStayStringsWithJackson2Defaults() {
		JsonNode json = write(JsonMapper.builderWithJackson2Defaults().build(), ArticleEvents.sample().published());
		assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-23T10:15:30Z");
		assertThat(json.get("article").get("publishedAt").isString()).isTrue();
	}

	@Test
	void eventTypesAreWrittenAsDottedNames() {
		assertThat(write(this.mapper, ArticleEvents.sample().published()).get("type").asString())
			.isEqualTo("article.published");
		assertThat(write(this.mapper, ArticleEvents.sample().updated()).get("type").asString())
			.isEqualTo("article.updated");
		assertThat(write(this.mapper, ArticleEvents.sample().retracted()).get("type").asString())
			.isEqualTo("article.retracted");
	}

	@Test
	void eventTypeWireNameMatchesItsValue() {
		for (ArticleEventType type : ArticleEventType.values()) {
			assertThat(this.mapper.writeValueAsString(type)).isEqualTo("\"" + type.value() + "\"");
			assertThat(this.mapper.readValue("\"" + type.value() + "\"", ArticleEventType.class)).isEqualTo(type);
			assertThat(ArticleEventType.fromValue(type.value())).isEqualTo(type);
			assertThat(ArticleEventType.find(type.value())).contains(type);
		}
	}

	@Test
	void aTypeOfANewerProducerIsFoundNowhereButRefusedWhereATypeIsRequired() {
		for (String unknown : new String[] { "article.archived", "PUBLISHED", "", null }) {
			assertThat(ArticleEventType.find(unknown)).as(unknown).isEmpty();
			assertThatIllegalArgumentException().as(unknown).isThrownBy(() -> ArticleEventType.fromValue(unknown));
		}
	}

	@Test
	void idsAreWrittenAsUuidStringsAndVersionAsNumber() {
		JsonNode json = write(this.mapper, ArticleEvents.sample().published());
		assertThat(json.get("eventId").asString()).isEqualTo("3f1c2a9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b");
		assertThat(json.get("article").get("id").asString()).isEqualTo(ArticleEvents.ARTICLE_ID.toString());
		assertThat(json.get("article").get("version").isIntegralNumber()).isTrue();
		assertThat(json.get("article").get("version").asLong()).isEqualTo(1);
	}

	@Test
	void nullSummaryAndContentAreWrittenEvenWhenMapperOmitsNulls() {
		JsonMapper nonNull = JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build();
		JsonNode article = write(nonNull, ArticleEvents.sample().summary(null).contentHtml(null).updated())
			.get("article");
		assertThat(article.propertyNames()).containsExactlyElementsOf(ARTICLE_FIELDS);
		assertThat(article.get("summary").getNodeType()).isEqualTo(JsonNodeType.NULL);
		assertThat(article.get("contentHtml").getNodeType()).isEqualTo(JsonNodeType.NULL);
	}

	@Test
	void missingListsReadAsEmptyLists() {
		ArticleSnapshot article = new ArticleSnapshot(ArticleEvents.ARTICLE_ID, 1, "t", null, null,
				"https://news.example.com/a", null, null, "en", ArticleEvents.PUBLISHED_AT, ArticleEvents.PUBLISHED_AT,
				false, null);
		assertThat(article.authors()).isEmpty();
		assertThat(article.categories()).isEmpty();
	}

	private static JsonNode write(JsonMapper mapper, ArticleEvent event) {
		return mapper.readTree(mapper.writeValueAsString(event));
	}

}
