package org.syndication.packages.ninjs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleEventType;
import org.syndication.events.ArticleEvents;
import org.syndication.events.ArticleImage;
import org.syndication.events.ArticleSnapshot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Article events as ninjs items: every kind of event is valid against the IPTC's schema
 * of the release it is written in, and each property carries what the mapping in
 * {@link NinjsItems} says.
 */
class NinjsItemsTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final ArticleImage IMAGE = new ArticleImage("https://images.example.com/a.jpg", "A bridge at night",
			1200, 800);

	private static final ArticleImage DECORATIVE_IMAGE_OF_UNKNOWN_SIZE = new ArticleImage(
			"https://images.example.com/rule.png", "", null, null);

	static Stream<Arguments> everyKindOfEventInEveryVersion() {
		List<Arguments> arguments = new ArrayList<>();
		for (ArticleEventType type : ArticleEventType.values()) {
			for (ArticleImage image : new ArticleImage[] { null, IMAGE, DECORATIVE_IMAGE_OF_UNKNOWN_SIZE }) {
				for (boolean withPeople : new boolean[] { true, false }) {
					for (boolean withText : new boolean[] { true, false }) {
						ArticleEvents.Builder article = ArticleEvents.sample().version(3).image(image);
						if (!withPeople) {
							article.authors().categories();
						}
						if (!withText) {
							article.summary(null).contentHtml(null);
						}
						String name = type.value() + ((image != null) ? ", image " + image.url() : ", no image")
								+ (withPeople ? ", authors and categories" : ", no authors or categories")
								+ (withText ? ", summary and body" : ", no summary or body");
						for (NinjsVersion version : NinjsVersion.values()) {
							arguments.add(Arguments.of(Named.of(name, article.event(type)), version));
						}
					}
				}
			}
		}
		List<Named<ArticleEvent>> others = List.of(
				Named.of("in Japanese", ArticleEvents.sample().inJapanese().published()),
				Named.of("breaking", ArticleEvents.sample().breaking(true).published()),
				Named.of("times with milliseconds",
						ArticleEvents.sample()
							.version(12)
							.updatedAt(Instant.parse("2026-11-24T08:00:00.123Z"))
							.updated()),
				Named.of("without title, language or times",
						ArticleEvents.sample().title(null).language(null).publishedAt(null).updated()));
		for (Named<ArticleEvent> event : others) {
			for (NinjsVersion version : NinjsVersion.values()) {
				arguments.add(Arguments.of(event, version));
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} in ninjs {1}")
	@MethodSource("everyKindOfEventInEveryVersion")
	void everyKindOfEventIsAValidItem(ArticleEvent event, NinjsVersion version) {
		assertValid(NinjsItems.of(event, version), version);
	}

	@ParameterizedTest
	@ValueSource(strings = { "article-published.json", "article-updated.json", "article-retracted.json",
			"article-published-with-extra-fields.json", "article-published-breaking.json",
			"article-published-with-image.json" })
	void everyGoldenEventIsAValidItemInEitherVersion(String file) {
		for (NinjsVersion version : NinjsVersion.values()) {
			assertValid(NinjsItems.of(golden(file), version), version);
		}
	}

	@Test
	void articleWithImageReadsAsThisNinjs31Item() {
		JsonNode expected = JSON.readTree("""
				{
				  "uri": "urn:uuid:3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
				  "standard": {
				    "name": "ninjs",
				    "version": "3.1",
				    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
				  },
				  "type": "text",
				  "version": "1",
				  "versionCreated": "2026-11-27T08:30:00Z",
				  "firstCreated": "2026-11-27T08:30:00Z",
				  "pubStatus": "usable",
				  "language": "en",
				  "headlines": [
				    {
				      "role": "main",
				      "contentType": "text/plain",
				      "value": "The old lighthouse reopens"
				    }
				  ],
				  "descriptions": [
				    {
				      "role": "summary",
				      "contentType": "text/plain",
				      "value": "Visitors may climb to the lamp room again."
				    }
				  ],
				  "bodies": [
				    {
				      "role": "main",
				      "contentType": "text/html",
				      "value": "<p>The stairs have been <em>repaired</em>.</p>"
				    }
				  ],
				  "by": "Mary Somerville",
				  "people": [
				    {
				      "name": "Mary Somerville",
				      "rel": "author"
				    }
				  ],
				  "subjects": [
				    {
				      "name": "culture"
				    }
				  ],
				  "renditions": [
				    {
				      "name": "web",
				      "href": "https://news.example.com/articles/old-lighthouse-reopens",
				      "contentType": "text/html"
				    }
				  ],
				  "associations": [
				    {
				      "name": "mainpic",
				      "uri": "https://images.example.com/lighthouse.jpg",
				      "type": "picture",
				      "descriptions": [
				        {
				          "role": "alt",
				          "contentType": "text/plain",
				          "value": "The white lighthouse on its rock at dusk"
				        }
				      ],
				      "renditions": [
				        {
				          "name": "main",
				          "href": "https://images.example.com/lighthouse.jpg",
				          "width": 1200,
				          "height": 800
				        }
				      ]
				    }
				  ]
				}
				""");
		assertThat(NinjsItems.of(golden("article-published-with-image.json"), NinjsVersion.V3_1)).isEqualTo(expected);
	}

	@Test
	void retractedArticleReadsAsThisCanceledNinjs22Item() {
		JsonNode expected = JSON.readTree("""
				{
				  "uri": "urn:uuid:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
				  "standard": {
				    "name": "ninjs",
				    "version": "2.2",
				    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"
				  },
				  "type": "text",
				  "version": "3",
				  "versioncreated": "2026-11-25T17:45:00Z",
				  "firstcreated": "2026-11-23T10:15:30Z",
				  "pubstatus": "canceled",
				  "language": "en",
				  "headlines": [
				    {
				      "role": "main",
				      "contenttype": "text/plain",
				      "value": "Kafka for syndication (corrected)"
				    }
				  ],
				  "descriptions": [
				    {
				      "role": "summary",
				      "contenttype": "text/plain",
				      "value": "Why partners get pushed events instead of polling us."
				    }
				  ],
				  "bodies": [
				    {
				      "role": "main",
				      "contenttype": "text/html",
				      "value": "<p>Events, <strong>not</strong> polling.</p>"
				    }
				  ],
				  "by": "Ada Lovelace",
				  "people": [
				    {
				      "name": "Ada Lovelace",
				      "rel": "author"
				    }
				  ],
				  "subjects": [
				    {
				      "name": "engineering"
				    }
				  ],
				  "renditions": [
				    {
				      "name": "web",
				      "href": "https://news.example.com/articles/kafka-for-syndication",
				      "contenttype": "text/html"
				    }
				  ]
				}
				""");
		assertThat(NinjsItems.of(golden("article-retracted.json"), NinjsVersion.V2_2)).isEqualTo(expected);
	}

	@ParameterizedTest
	@EnumSource(NinjsVersion.class)
	void publishedAndUpdatedArticlesAreUsableAndRetractedOnesCanceled(NinjsVersion version) {
		String pubStatus = (version == NinjsVersion.V3_1) ? "pubStatus" : "pubstatus";
		ArticleEvents.Builder article = ArticleEvents.sample();
		assertThat(NinjsItems.of(article.published(), version).get(pubStatus).asString()).isEqualTo("usable");
		assertThat(NinjsItems.of(article.version(2).updated(), version).get(pubStatus).asString()).isEqualTo("usable");
		assertThat(NinjsItems.of(article.version(3).retracted(), version).get(pubStatus).asString())
			.isEqualTo("canceled");
	}

	@ParameterizedTest
	@EnumSource(NinjsVersion.class)
	void itemUriIsTheArticleIdAsUrnAndStaysAcrossVersionsOfTheArticle(NinjsVersion version) {
		ArticleEvents.Builder article = ArticleEvents.sample();
		String uri = "urn:uuid:" + ArticleEvents.ARTICLE_ID;
		assertThat(NinjsItems.of(article.published(), version).get("uri").asString()).isEqualTo(uri);
		assertThat(NinjsItems.of(article.version(2).updated(), version).get("uri").asString()).isEqualTo(uri);
		assertThat(NinjsItems.of(article.version(3).retracted(), version).get("uri").asString()).isEqualTo(uri);
		assertThat(NinjsItems.of(ArticleEvents.article().published(), version).get("uri").asString())
			.startsWith("urn:uuid:")
			.isNotEqualTo(uri);
	}

	@Test
	void itemIsATextWithTheArticleVersionAsStringAndItsTimes() {
		ObjectNode item = NinjsItems.of(ArticleEvents.sample()
			.version(12)
			.publishedAt(Instant.parse("2026-11-23T10:15:30Z"))
			.updatedAt(Instant.parse("2026-11-24T08:00:00.123Z"))
			.updated(), NinjsVersion.V3_1);
		assertThat(item.get("type").asString()).isEqualTo("text");
		assertThat(item.get("version").isString()).isTrue();
		assertThat(item.get("version").asString()).isEqualTo("12");
		assertThat(item.get("versionCreated").asString()).isEqualTo("2026-11-24T08:00:00.123Z");
		assertThat(item.get("firstCreated").asString()).isEqualTo("2026-11-23T10:15:30Z");
		assertThat(item.get("language").asString()).isEqualTo("en");
	}

	@Test
	void titleIsTheMainPlainTextHeadline() {
		ObjectNode item = NinjsItems.of(ArticleEvents.sample().title("Budget passes").published(), NinjsVersion.V3_1);
		assertThat(item.get("headlines")).hasSize(1);
		assertThat(item.get("headlines").get(0).get("role").asString()).isEqualTo("main");
		assertThat(item.get("headlines").get(0).get("contentType").asString()).isEqualTo("text/plain");
		assertThat(item.get("headlines").get(0).get("value").asString()).isEqualTo("Budget passes");
	}

	@Test
	void summaryIsAPlainTextDescriptionAndContentTheHtmlBody() {
		ObjectNode item = NinjsItems.of(ArticleEvents.sample()
			.summary("Twelve kilometres of lanes.")
			.contentHtml("<p>The council voted <strong>31 to 9</strong>.</p>")
			.published(), NinjsVersion.V3_1);
		assertThat(item.get("descriptions")).hasSize(1);
		JsonNode description = item.get("descriptions").get(0);
		assertThat(description.get("role").asString()).isEqualTo("summary");
		assertThat(description.get("contentType").asString()).isEqualTo("text/plain");
		assertThat(description.get("value").asString()).isEqualTo("Twelve kilometres of lanes.");
		assertThat(item.get("bodies")).hasSize(1);
		JsonNode body = item.get("bodies").get(0);
		assertThat(body.get("role").asString()).isEqualTo("main");
		assertThat(body.get("contentType").asString()).isEqualTo("text/html");
		assertThat(body.get("value").asString()).isEqualTo("<p>The council voted <strong>31 to 9</strong>.</p>");
	}

	@Test
	void articleWithoutSummaryOrContentHasNoDescriptionsOrBodies() {
		ObjectNode item = NinjsItems.of(ArticleEvents.sample().summary(null).contentHtml(null).updated(),
				NinjsVersion.V3_1);
		assertThat(item.has("descriptions")).isFalse();
		assertThat(item.has("bodies")).isFalse();
		assertThat(item.get("headlines")).hasSize(1);
	}

	@Test
	void authorsMakeTheBylineAndArePeopleInTheAuthorRelation() {
		ObjectNode item = NinjsItems.of(ArticleEvents.sample().authors("Ada Lovelace", "Grace Hopper").published(),
				NinjsVersion.V3_1);
		assertThat(item.get("by").asString()).isEqualTo("Ada Lovelace, Grace Hopper");
		assertThat(item.get("people")).hasSize(2);
		assertThat(item.get("people").get(0).get("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(item.get("people").get(0).get("rel").asString()).isEqualTo("author");
		assertThat(item.get("people").get(1).get("name").asString()).isEqualTo("Grace Hopper");
		assertThat(item.get("people").get(1).get("rel").asString()).isEqualTo("author");
	}

	@Test
	void categoriesAreSubjectsInTheirOrder() {
		ObjectNode item = NinjsItems.of(ArticleEvents.sample().categories("Politics", "transport").published(),
				NinjsVersion.V3_1);
		assertThat(item.get("subjects").valueStream().map((subject) -> subject.get("name").asString()))
			.containsExactly("Politics", "transport");
	}

	@Test
	void articleWithoutAuthorsOrCategoriesHasNoBylinePeopleOrSubjects() {
		ObjectNode item = NinjsItems.of(ArticleEvents.sample().authors().categories().published(), NinjsVersion.V3_1);
		assertThat(item.has("by")).isFalse();
		assertThat(item.has("people")).isFalse();
		assertThat(item.has("subjects")).isFalse();
	}

	@Test
	void publicAddressIsTheWebRendition() {
		ObjectNode item = NinjsItems
			.of(ArticleEvents.sample().url("https://news.example.com/articles/budget").updated(), NinjsVersion.V3_1);
		assertThat(item.get("renditions")).hasSize(1);
		JsonNode web = item.get("renditions").get(0);
		assertThat(web.get("name").asString()).isEqualTo("web");
		assertThat(web.get("href").asString()).isEqualTo("https://news.example.com/articles/budget");
		assertThat(web.get("contentType").asString()).isEqualTo("text/html");
	}

	@ParameterizedTest
	@EnumSource(NinjsVersion.class)
	void imageIsAnAssociatedPictureWithItsSizeAndAltText(NinjsVersion version) {
		ObjectNode item = NinjsItems.of(ArticleEvents.sample().image(IMAGE).published(), version);
		assertThat(item.get("associations")).hasSize(1);
		JsonNode picture = item.get("associations").get(0);
		assertThat(picture.get("name").asString()).isEqualTo("mainpic");
		assertThat(picture.get("type").asString()).isEqualTo("picture");
		assertThat(picture.get("uri").asString()).isEqualTo("https://images.example.com/a.jpg");
		assertThat(picture.get("renditions")).hasSize(1);
		JsonNode rendition = picture.get("renditions").get(0);
		assertThat(rendition.get("href").asString()).isEqualTo("https://images.example.com/a.jpg");
		assertThat(rendition.get("width").isInt()).isTrue();
		assertThat(rendition.get("width").asInt()).isEqualTo(1200);
		assertThat(rendition.get("height").asInt()).isEqualTo(800);
		assertThat(picture.get("descriptions")).hasSize(1);
		assertThat(picture.get("descriptions").get(0).get("role").asString()).isEqualTo("alt");
		assertThat(picture.get("descriptions").get(0).get("value").asString()).isEqualTo("A bridge at night");
		assertThat(item.get("renditions").valueStream().map((r) -> r.get("href").asString()))
			.doesNotContain("https://images.example.com/a.jpg");
	}

	@Test
	void decorativeImageOfUnknownSizeKeepsItsEmptyAltTextAndHasNoSize() {
		JsonNode picture = NinjsItems
			.of(ArticleEvents.sample().image(DECORATIVE_IMAGE_OF_UNKNOWN_SIZE).published(), NinjsVersion.V3_1)
			.get("associations")
			.get(0);
		assertThat(picture.get("descriptions").get(0).get("value").asString()).isEmpty();
		JsonNode rendition = picture.get("renditions").get(0);
		assertThat(rendition.get("href").asString()).isEqualTo("https://images.example.com/rule.png");
		assertThat(rendition.has("width")).isFalse();
		assertThat(rendition.has("height")).isFalse();
	}

	@Test
	void articleWithoutImageHasNoAssociations() {
		assertThat(NinjsItems.of(ArticleEvents.sample().image(null).published(), NinjsVersion.V3_1).has("associations"))
			.isFalse();
	}

	@Test
	void ninjs22SpellsPropertiesInLowercaseAndNinjs31InCamelCase() {
		ArticleEvent event = ArticleEvents.sample().published();
		ObjectNode v31 = NinjsItems.of(event, NinjsVersion.V3_1);
		ObjectNode v22 = NinjsItems.of(event, NinjsVersion.V2_2);
		assertThat(v31.propertyNames()).contains("versionCreated", "firstCreated", "pubStatus")
			.doesNotContain("versioncreated", "firstcreated", "pubstatus");
		assertThat(v22.propertyNames()).contains("versioncreated", "firstcreated", "pubstatus")
			.doesNotContain("versionCreated", "firstCreated", "pubStatus");
		assertThat(v31.get("bodies").get(0).has("contentType")).isTrue();
		assertThat(v22.get("bodies").get(0).has("contenttype")).isTrue();
		assertThat(v22.get("bodies").get(0).has("contentType")).isFalse();
	}

	@ParameterizedTest
	@EnumSource(NinjsVersion.class)
	void itemNamesTheReleaseAndTheSchemaThatValidatesIt(NinjsVersion version) {
		JsonNode standard = NinjsItems.of(ArticleEvents.sample().published(), version).get("standard");
		assertThat(standard.get("name").asString()).isEqualTo("ninjs");
		assertThat(standard.get("version").asString()).isEqualTo(version.value());
		assertThat(standard.get("schema").asString()).isEqualTo(NinjsSchemas.schemaNode(version).get("$id").asString());
	}

	@Test
	void bytesAreTheItemAsUtf8Json() {
		ArticleEvent event = ArticleEvents.sample().inJapanese().published();
		byte[] bytes = NinjsItems.bytes(event, NinjsVersion.V3_1);
		assertThat(JSON.readTree(bytes)).isEqualTo(NinjsItems.of(event, NinjsVersion.V3_1));
		assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"東京で新しい図書館が開館\"");
	}

	@ParameterizedTest
	@EnumSource(NinjsVersion.class)
	void schemaRejectsAnItemThatBreaksIt(NinjsVersion version) {
		String pubStatus = (version == NinjsVersion.V3_1) ? "pubStatus" : "pubstatus";
		assertInvalid(broken(version, (item) -> item.put(pubStatus, "retracted")), version, pubStatus);
		assertInvalid(broken(version, (item) -> item.put("slug", "kafka")), version, "slug");
		assertInvalid(broken(version, (item) -> item.put("uri", "urn:uuid: 9a8b")), version, "uri");
		assertInvalid(broken(version, (item) -> item.remove("uri")), version, "uri");
		assertInvalid(broken(version, (item) -> item.put("type", "article")), version, "type");
		assertInvalid(broken(version, (item) -> item.put("version", 1)), version, "version");
		assertInvalid(broken(version, (item) -> item.put("by", (String) null)), version, "by");
		assertInvalid(broken(version, (item) -> headline(item).remove("value")), version, "value");
		assertInvalid(broken(version, (item) -> picture(item).remove("uri")), version, "uri");
		assertInvalid(broken(version, (item) -> picture(item).remove("name")), version, "name");
		assertInvalid(broken(version, (item) -> rendition(item).put("width", "1200")), version, "width");
		assertInvalid(broken(version, (item) -> rendition(item).remove("name")), version, "name");
		assertInvalid(broken(version, (item) -> item.putObject("headlines")), version, "headlines");
	}

	@Test
	void anItemSpelledForOneReleaseIsInvalidInTheOther() {
		ArticleEvent event = ArticleEvents.sample().image(IMAGE).published();
		assertThat(NinjsSchemas.validate(NinjsItems.of(event, NinjsVersion.V2_2), NinjsVersion.V3_1)).isNotEmpty();
		assertThat(NinjsSchemas.validate(NinjsItems.of(event, NinjsVersion.V3_1), NinjsVersion.V2_2)).isNotEmpty();
	}

	@Test
	void eventWithoutTypeIsRefusedRatherThanGuessedUsable() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NinjsItems.of(ArticleEvents.sample().event(null), NinjsVersion.V3_1))
			.withMessageContaining("no type");
	}

	@Test
	void eventWithoutArticleIsRefused() {
		ArticleEvent event = new ArticleEvent(UUID.randomUUID(), ArticleEventType.PUBLISHED, Instant.now(), null);
		assertThatIllegalArgumentException().isThrownBy(() -> NinjsItems.of(event, NinjsVersion.V3_1))
			.withMessageContaining("no article");
	}

	@Test
	void articleWithoutIdIsRefused() {
		ArticleSnapshot article = ArticleEvents.sample().snapshot();
		ArticleSnapshot withoutId = new ArticleSnapshot(null, article.version(), article.title(), article.summary(),
				article.contentHtml(), article.url(), article.authors(), article.categories(), article.language(),
				article.publishedAt(), article.updatedAt(), article.breaking(), article.image());
		ArticleEvent event = new ArticleEvent(UUID.randomUUID(), ArticleEventType.PUBLISHED, Instant.now(), withoutId);
		assertThatIllegalArgumentException().isThrownBy(() -> NinjsItems.of(event, NinjsVersion.V2_2))
			.withMessageContaining("without id");
	}

	@Test
	void imageWithoutAddressIsRefused() {
		ArticleEvent event = ArticleEvents.sample().image(new ArticleImage(null, "A bridge", 10, 10)).published();
		assertThatIllegalArgumentException().isThrownBy(() -> NinjsItems.of(event, NinjsVersion.V3_1))
			.withMessageContaining("Image without url");
	}

	@Test
	void addressThatIsNoAbsoluteUriIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> NinjsItems.of(ArticleEvents.sample().image("/images/a.jpg", "A").published(), NinjsVersion.V3_1))
			.withMessageContaining("image url")
			.withMessageContaining("/images/a.jpg");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NinjsItems.of(ArticleEvents.sample().url("https://news.example.com/a b").published(),
					NinjsVersion.V2_2))
			.withMessageContaining("article url");
	}

	@Test
	void missingEventOrVersionIsRefused() {
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> NinjsItems.of(null, NinjsVersion.V3_1));
		assertThatExceptionOfType(NullPointerException.class)
			.isThrownBy(() -> NinjsItems.of(ArticleEvents.sample().published(), null));
	}

	private static ObjectNode broken(NinjsVersion version, Consumer<ObjectNode> change) {
		ObjectNode item = NinjsItems.of(ArticleEvents.sample().image(IMAGE).published(), version);
		assertValid(item, version);
		change.accept(item);
		return item;
	}

	private static ObjectNode headline(ObjectNode item) {
		return (ObjectNode) item.get("headlines").get(0);
	}

	private static ObjectNode picture(ObjectNode item) {
		return (ObjectNode) item.get("associations").get(0);
	}

	private static ObjectNode rendition(ObjectNode item) {
		return (ObjectNode) picture(item).get("renditions").get(0);
	}

	private static void assertValid(JsonNode item, NinjsVersion version) {
		assertThat(NinjsSchemas.validate(item, version)).as("ninjs %s errors for %s", version.value(), item).isEmpty();
	}

	private static void assertInvalid(JsonNode item, NinjsVersion version, String offendingProperty) {
		List<Error> errors = NinjsSchemas.validate(item, version);
		assertThat(errors).as("ninjs %s errors for %s", version.value(), item)
			.isNotEmpty()
			.anySatisfy((error) -> assertThat(error.toString()).contains(offendingProperty));
	}

	private static ArticleEvent golden(String file) {
		try (InputStream in = NinjsItemsTests.class.getClassLoader().getResourceAsStream("golden/v1/" + file)) {
			if (in == null) {
				throw new IllegalArgumentException("No golden file " + file);
			}
			return JSON.readValue(in, ArticleEvent.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
