package org.syndication.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written AsyncAPI document agrees with the code and the JSON Schema.
 */
class AsyncApiDocumentTests {

	private static final String LOCATION = "asyncapi/articles.asyncapi.yaml";

	private final Map<String, Object> document = new Yaml().load(ArticleEventSchema.resource(LOCATION));

	@Test
	void declaresAsyncApi3() {
		assertThat(this.document).containsEntry("asyncapi", "3.0.0");
		assertThat(map(this.document, "info")).containsKeys("title", "version", "description");
	}

	@Test
	void declaresLocalKafkaServer() {
		Map<String, Object> local = map(this.document, "servers", "local");
		assertThat(local).containsEntry("host", "127.0.0.1:9092").containsEntry("protocol", "kafka");
	}

	@Test
	void declaresArticlesChannelOnTheTopic() {
		Map<String, Object> channel = map(this.document, "channels", ArticleEventHeaders.TOPIC);
		assertThat(channel).containsEntry("address", ArticleEventHeaders.TOPIC);
		assertThat(map(channel, "messages")).containsKey("ArticleEvent");
		assertThat(map(channel, "bindings", "kafka")).containsEntry("topic", ArticleEventHeaders.TOPIC);
	}

	@Test
	void declaresCompactedTopicKeepingEveryEventForSevenDays() {
		Map<String, Object> config = map(this.document, "channels", "articles", "bindings", "kafka",
				"topicConfiguration");
		assertThat(config.get("cleanup.policy")).isEqualTo(List.of("compact"));
		assertThat(((Number) config.get("min.compaction.lag.ms")).longValue()).isEqualTo(Duration.ofDays(7).toMillis());
	}

	@Test
	void declaresThePartnersCredentialsAndTheGzipBatchesTheyRead() {
		Map<String, Object> server = map(this.document, "servers", "local");
		assertThat(server.get("security"))
			.isEqualTo(List.of(Map.of("$ref", "#/components/securitySchemes/partnerCredentials")));
		assertThat(map(this.document, "components", "securitySchemes", "partnerCredentials")).containsEntry("type",
				"scramSha512");
		assertThat((String) map(this.document, "channels", "articles").get("description"))
			.contains("`compression.type` is `gzip`");
	}

	@Test
	void declaresReceiveOperationForPartners() {
		Map<String, Object> operation = map(this.document, "operations", "receiveArticleEvents");
		assertThat(operation).containsEntry("action", "receive");
		assertThat(map(operation, "channel")).containsEntry("$ref", "#/channels/articles");
	}

	@Test
	void declaresEachPackageAsAChannelOfItsOwnWithTheSameMessagesAndAReceiveOperation() {
		Map<String, Object> channel = map(this.document, "channels", "articlePackage");
		assertThat(channel).containsEntry("address", "articles.pkg.{package}");
		assertThat(map(channel, "parameters")).containsKey("package");
		assertThat(map(channel, "messages")).isEqualTo(map(this.document, "channels", "articles", "messages"));
		assertThat(map(channel, "bindings", "kafka", "topicConfiguration"))
			.isEqualTo(map(this.document, "channels", "articles", "bindings", "kafka", "topicConfiguration"));
		assertThat((String) channel.get("description")).contains("read_committed", "ninjs");
		Map<String, Object> operation = map(this.document, "operations", "receivePackageEvents");
		assertThat(operation).containsEntry("action", "receive");
		assertThat(map(operation, "channel")).containsEntry("$ref", "#/channels/articlePackage");
	}

	@Test
	void declaresTheSixCloudEventsHeadersAndTheOptionalTraceContext() {
		Map<String, Object> headers = map(this.document, "components", "schemas", "CloudEventsHeaders");
		List<String> names = List.of(ArticleEventHeaders.SPEC_VERSION, ArticleEventHeaders.ID, ArticleEventHeaders.TYPE,
				ArticleEventHeaders.SOURCE, ArticleEventHeaders.TIME, ArticleEventHeaders.CONTENT_TYPE);
		List<String> all = new ArrayList<>(names);
		all.add(ArticleEventHeaders.TRACEPARENT);
		assertThat(map(headers, "properties")).containsOnlyKeys(all);
		assertThat(headers.get("required")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactlyInAnyOrderElementsOf(names);
		assertThat(map(this.document, "components", "messages", "ArticleEvent", "headers")).containsEntry("$ref",
				"#/components/schemas/CloudEventsHeaders");
	}

	@Test
	void headerConstantsMatchTheCode() {
		Map<String, Object> properties = map(this.document, "components", "schemas", "CloudEventsHeaders",
				"properties");
		assertThat(map(properties, ArticleEventHeaders.SPEC_VERSION)).containsEntry("const",
				ArticleEventHeaders.SPEC_VERSION_VALUE);
		assertThat(map(properties, ArticleEventHeaders.SOURCE)).containsEntry("const",
				ArticleEventHeaders.SOURCE_VALUE);
		assertThat(map(properties, ArticleEventHeaders.CONTENT_TYPE)).containsEntry("const",
				ArticleEventHeaders.CONTENT_TYPE_VALUE);
		assertThat(map(properties, ArticleEventHeaders.TYPE).get("enum"))
			.isEqualTo(Arrays.stream(ArticleEventType.values()).map(ArticleEventType::value).toList());
	}

	@Test
	void messageKeyIsTheArticleIdAsUuidString() {
		Map<String, Object> key = map(this.document, "components", "messages", "ArticleEvent", "bindings", "kafka",
				"key");
		assertThat(key).containsEntry("$ref", "#/components/schemas/ArticleKey");
		assertThat(map(this.document, "components", "schemas", "ArticleKey")).containsEntry("type", "string")
			.containsEntry("format", "uuid");
	}

	@Test
	void payloadReferencesTheJsonSchemaFileThatExists() throws URISyntaxException {
		Map<String, Object> payload = map(this.document, "components", "messages", "ArticleEvent", "payload");
		assertThat((String) payload.get("schemaFormat")).startsWith("application/schema+json");
		String ref = (String) map(payload, "schema").get("$ref");
		assertThat(ref).isEqualTo("../schema/article-event.schema.json");
		URL yaml = getClass().getClassLoader().getResource(LOCATION);
		assertThat(yaml).isNotNull();
		URI schema = yaml.toURI().resolve(ref);
		assertThat(Path.of(schema)).exists();
		assertThat(Path.of(schema))
			.isEqualTo(Path.of(getClass().getClassLoader().getResource(ArticleEventSchema.LOCATION).toURI()));
		assertThat(Files.isRegularFile(Path.of(schema))).isTrue();
	}

	@Test
	@SuppressWarnings("unchecked")
	void examplePayloadsAreSchemaValid() {
		List<Map<String, Object>> examples = (List<Map<String, Object>>) map(this.document, "components", "messages",
				"ArticleEvent")
			.get("examples");
		assertThat(examples).isNotEmpty();
		JsonMapper mapper = JsonMapper.shared();
		for (Map<String, Object> example : examples) {
			String json = mapper.writeValueAsString(example.get("payload"));
			assertThat(ArticleEventSchema.validate(json)).as(json).isEmpty();
			assertThat(mapper.readValue(json, ArticleEvent.class).type().value())
				.isEqualTo(map(example, "headers").get(ArticleEventHeaders.TYPE));
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void aBreakingExampleShowsTheOptionalBreakingField() {
		List<Map<String, Object>> examples = (List<Map<String, Object>>) map(this.document, "components", "messages",
				"ArticleEvent")
			.get("examples");
		JsonMapper mapper = JsonMapper.shared();
		List<Boolean> breaking = examples.stream()
			.map((example) -> mapper.readValue(mapper.writeValueAsString(example.get("payload")), ArticleEvent.class))
			.map((event) -> event.article().breaking())
			.toList();
		assertThat(breaking).contains(true, false);
	}

	@Test
	@SuppressWarnings("unchecked")
	void anImageExampleShowsTheOptionalImageField() {
		List<Map<String, Object>> examples = (List<Map<String, Object>>) map(this.document, "components", "messages",
				"ArticleEvent")
			.get("examples");
		JsonMapper mapper = JsonMapper.shared();
		List<ArticleImage> images = examples.stream()
			.map((example) -> mapper.readValue(mapper.writeValueAsString(example.get("payload")), ArticleEvent.class))
			.map((event) -> event.article().image())
			.toList();
		assertThat(images).containsNull()
			.contains(new ArticleImage("https://images.example.com/lighthouse.jpg",
					"The white lighthouse on its rock at dusk", 1200, 800));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> from, String... path) {
		Map<String, Object> current = from;
		for (String key : path) {
			assertThat(current).as("path %s", String.join(".", path)).containsKey(key);
			current = (Map<String, Object>) current.get(key);
		}
		return current;
	}

}
