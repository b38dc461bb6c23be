package org.syndication.events;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeType;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the records serialize to validates against the published schema, and the schema
 * rejects what a consumer could not read.
 */
class ArticleEventSchemaTests {

	static Stream<Arguments> mappers() {
		return Stream.of(Arguments.of(Named.of("JsonMapper.builder().build()", JsonMapper.builder().build())),
				Arguments.of(Named.of("JsonMapper.shared()", JsonMapper.shared())),
				Arguments.of(Named.of("JsonMapper.builderWithJackson2Defaults().build()",
						JsonMapper.builderWithJackson2Defaults().build())));
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void publishedEventSerializesToSchemaValidJson(JsonMapper mapper) {
		assertSchemaValid(mapper.writeValueAsString(ArticleEvents.sample().published()));
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void updatedEventSerializesToSchemaValidJson(JsonMapper mapper) {
		assertSchemaValid(mapper.writeValueAsString(ArticleEvents.sample().updated()));
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void retractedEventSerializesToSchemaValidJson(JsonMapper mapper) {
		assertSchemaValid(mapper.writeValueAsString(ArticleEvents.sample().retracted()));
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void eventWithoutSummaryOrContentSerializesExplicitNullsAndIsSchemaValid(JsonMapper mapper) {
		String json = mapper.writeValueAsString(ArticleEvents.sample().summary(null).contentHtml(null).updated());
		JsonNode article = mapper.readTree(json).get("article");
		assertThat(article.has("summary")).isTrue();
		assertThat(article.get("summary").getNodeType()).isEqualTo(JsonNodeType.NULL);
		assertThat(article.has("contentHtml")).isTrue();
		assertThat(article.get("contentHtml").getNodeType()).isEqualTo(JsonNodeType.NULL);
		assertSchemaValid(json);
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void eventWithNoAuthorsOrCategoriesSerializesEmptyArraysAndIsSchemaValid(JsonMapper mapper) {
		String json = mapper.writeValueAsString(ArticleEvents.sample().authors().categories().published());
		JsonNode article = mapper.readTree(json).get("article");
		assertThat(article.get("authors").isArray()).isTrue();
		assertThat(article.get("authors").isEmpty()).isTrue();
		assertThat(article.get("categories").isArray()).isTrue();
		assertThat(article.get("categories").isEmpty()).isTrue();
		assertSchemaValid(json);
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void breakingEventSerializesBreakingTrueAndIsSchemaValid(JsonMapper mapper) {
		ArticleEvent event = ArticleEvents.sample().breaking(true).published();
		String json = mapper.writeValueAsString(event);
		JsonNode breaking = mapper.readTree(json).get("article").get("breaking");
		assertThat(breaking.isBoolean()).isTrue();
		assertThat(breaking.asBoolean()).isTrue();
		assertSchemaValid(json);
		assertThat(mapper.readValue(json, ArticleEvent.class)).isEqualTo(event);
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void eventThatIsNotBreakingSerializesWithoutTheBreakingField(JsonMapper mapper) {
		String json = mapper.writeValueAsString(ArticleEvents.sample().breaking(false).updated());
		assertThat(mapper.readTree(json).get("article").has("breaking")).isFalse();
		assertSchemaValid(json);
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void eventWithImageSerializesTheImageAndIsSchemaValid(JsonMapper mapper) {
		ArticleEvent event = ArticleEvents.sample()
			.image(new ArticleImage("https://images.example.com/a.jpg", "A bridge at night", 1200, 800))
			.published();
		String json = mapper.writeValueAsString(event);
		JsonNode image = mapper.readTree(json).get("article").get("image");
		assertThat(image.get("url").asString()).isEqualTo("https://images.example.com/a.jpg");
		assertThat(image.get("alt").asString()).isEqualTo("A bridge at night");
		assertThat(image.get("width").asInt()).isEqualTo(1200);
		assertThat(image.get("height").asInt()).isEqualTo(800);
		assertSchemaValid(json);
		assertThat(mapper.readValue(json, ArticleEvent.class)).isEqualTo(event);
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void eventWithoutImageSerializesWithoutTheImageField(JsonMapper mapper) {
		String json = mapper.writeValueAsString(ArticleEvents.sample().updated());
		assertThat(mapper.readTree(json).get("article").has("image")).isFalse();
		assertSchemaValid(json);
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void eventWithCjkTextIsSchemaValidAndReadsBackUnchanged(JsonMapper mapper) {
		ArticleEvent event = ArticleEvents.sample().inJapanese().published();
		String json = mapper.writeValueAsString(event);
		assertSchemaValid(json);
		assertThat(json).contains("東京で新しい図書館が開館");
		assertThat(mapper.readValue(json, ArticleEvent.class)).isEqualTo(event);
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void everyEventTypeReadsBackToAnEqualRecord(JsonMapper mapper) {
		ArticleEvents.Builder sample = ArticleEvents.sample();
		for (ArticleEvent event : List.of(sample.published(), sample.version(2).updated(),
				sample.version(3).breaking(true).updated(), sample.version(4).retracted())) {
			assertThat(mapper.readValue(mapper.writeValueAsString(event), ArticleEvent.class)).isEqualTo(event);
		}
	}

	@Test
	void schemaTypeEnumListsExactlyTheArticleEventTypes() {
		List<String> schemaTypes = ArticleEventSchema.schemaNode()
			.get("properties")
			.get("type")
			.get("enum")
			.valueStream()
			.map(JsonNode::asString)
			.toList();
		assertThat(schemaTypes)
			.containsExactlyElementsOf(Arrays.stream(ArticleEventType.values()).map(ArticleEventType::value).toList());
	}

	@Test
	void schemaAllowsUnknownFieldsAtBothLevels() {
		assertSchemaValid(valid((event) -> {
			event.put("futureField", "x");
			article(event).putObject("futureObject").put("nested", 1);
		}));
	}

	@Test
	void valueWithoutEventIdIsInvalid() {
		assertSchemaInvalid(valid((event) -> event.remove("eventId")), "eventId");
	}

	@Test
	void valueWithUnknownTypeIsInvalid() {
		assertSchemaInvalid(valid((event) -> event.put("type", "article.deleted")), "type");
	}

	@Test
	void valueWithNonUuidArticleIdIsInvalid() {
		assertSchemaInvalid(valid((event) -> article(event).put("id", "article-42")), "id");
	}

	@Test
	void valueWithNonUuidEventIdIsInvalid() {
		assertSchemaInvalid(valid((event) -> event.put("eventId", "not-a-uuid")), "eventId");
	}

	@Test
	void valueWithVersionZeroIsInvalid() {
		assertSchemaInvalid(valid((event) -> article(event).put("version", 0)), "version");
	}

	@Test
	void valueWithFractionalVersionIsInvalid() {
		assertSchemaInvalid(valid((event) -> article(event).put("version", 1.5)), "version");
	}

	@Test
	void valueWithNumericTimestampIsInvalid() {
		assertSchemaInvalid(valid((event) -> event.put("occurredAt", 1795429530)), "occurredAt");
	}

	@Test
	void valueWithNonUtcOffsetIsInvalid() {
		assertSchemaInvalid(valid((event) -> article(event).put("updatedAt", "2026-11-23T11:15:30+01:00")),
				"updatedAt");
	}

	@Test
	void valueWithoutNullableSummaryFieldIsInvalid() {
		assertSchemaInvalid(valid((event) -> article(event).remove("summary")), "summary");
	}

	@Test
	void valueWithRelativeUrlIsInvalid() {
		assertSchemaInvalid(valid((event) -> article(event).put("url", "/articles/42")), "url");
	}

	@Test
	void valueWithNonBooleanBreakingIsInvalid() {
		assertSchemaInvalid(valid((event) -> article(event).put("breaking", "yes")), "breaking");
		assertSchemaInvalid(valid((event) -> article(event).putNull("breaking")), "breaking");
	}

	@Test
	void valueWithBreakingFalseIsValid() {
		assertSchemaValid(valid((event) -> article(event).put("breaking", false)));
	}

	@Test
	void valueWithImageOfRelativeOrNonHttpAddressIsInvalid() {
		assertSchemaInvalid(valid((event) -> image(event).put("url", "/images/a.jpg")), "url");
		assertSchemaInvalid(valid((event) -> image(event).put("url", "ftp://images.example.com/a.jpg")), "url");
		assertSchemaInvalid(valid((event) -> image(event).put("url", "data:image/png;base64,AAAA")), "url");
	}

	@Test
	void valueWithImageWithoutAddressOrAltIsInvalid() {
		assertSchemaInvalid(valid((event) -> image(event).remove("url")), "url");
		assertSchemaInvalid(valid((event) -> image(event).remove("alt")), "alt");
		assertSchemaInvalid(valid((event) -> image(event).putNull("alt")), "alt");
	}

	@Test
	void valueWithImageOfZeroNegativeHugeOrTextualSizeIsInvalid() {
		assertSchemaInvalid(valid((event) -> image(event).put("width", 0)), "width");
		assertSchemaInvalid(valid((event) -> image(event).put("height", -1)), "height");
		assertSchemaInvalid(valid((event) -> image(event).put("width", 10001)), "width");
		assertSchemaInvalid(valid((event) -> image(event).put("height", "800")), "height");
		assertSchemaInvalid(valid((event) -> image(event).put("width", 12.5)), "width");
	}

	@Test
	void valueWithNullOrNonObjectImageIsInvalid() {
		assertSchemaInvalid(valid((event) -> article(event).putNull("image")), "image");
		assertSchemaInvalid(valid((event) -> article(event).put("image", "https://images.example.com/a.jpg")), "image");
	}

	@Test
	void valueWithDecorativeImageOfEmptyAltAndNoSizeIsValid() {
		assertSchemaValid(valid((event) -> {
			image(event).put("alt", "");
			image(event).remove("width");
			image(event).remove("height");
		}));
		assertSchemaValid(valid((event) -> {
			image(event).put("width", 1);
			image(event).put("height", 10000);
		}));
	}

	@Test
	void valueWithoutArticleIsInvalid() {
		assertSchemaInvalid(valid((event) -> event.remove("article")), "article");
	}

	@Test
	void tombstoneIsNotAValidValue() {
		assertThat(ArticleEventSchema.validate("null")).isNotEmpty();
	}

	private static ObjectNode valid(Consumer<ObjectNode> change) {
		JsonMapper mapper = JsonMapper.shared();
		ObjectNode event = (ObjectNode) mapper.readTree(mapper.writeValueAsString(ArticleEvents.sample().published()));
		assertSchemaValid(event.toString());
		change.accept(event);
		return event;
	}

	private static ObjectNode article(ObjectNode event) {
		return (ObjectNode) event.get("article");
	}

	private static ObjectNode image(ObjectNode event) {
		if (!article(event).has("image")) {
			article(event).putObject("image")
				.put("url", "https://images.example.com/a.jpg")
				.put("alt", "A bridge at night")
				.put("width", 1200)
				.put("height", 800);
			assertSchemaValid(event);
		}
		return (ObjectNode) article(event).get("image");
	}

	private static void assertSchemaValid(String json) {
		assertThat(ArticleEventSchema.validate(json)).as("schema errors for %s", json).isEmpty();
	}

	private static void assertSchemaValid(JsonNode json) {
		assertThat(ArticleEventSchema.validate(json)).as("schema errors for %s", json).isEmpty();
	}

	private static void assertSchemaInvalid(JsonNode json, String offendingProperty) {
		assertThat(ArticleEventSchema.validate(json)).as("schema errors for %s", json)
			.isNotEmpty()
			.anySatisfy((error) -> assertThat(error.toString()).contains(offendingProperty));
	}

}
