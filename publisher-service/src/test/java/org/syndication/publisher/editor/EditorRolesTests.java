package org.syndication.publisher.editor;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syndication.publisher.PublisherIntegrationTest;
import org.syndication.publisher.TestApi;
import org.syndication.publisher.TopicReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.syndication.publisher.TestApi.article;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Named API keys with their roles: an author drafts, an editor publishes and retracts, an
 * admin manages keys; each change is recorded under the key's name, which stays off the
 * partners' topic.
 */
@PublisherIntegrationTest
class EditorRolesTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private EmbeddedKafkaBroker broker;

	private final JsonMapper json = JsonMapper.builder().build();

	private TopicReader topic;

	private String author;

	private String editor;

	@BeforeEach
	void keysForAnAuthorAndAnEditor() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.author = createKey("ada-" + suffix, "author");
		this.editor = createKey("grace-" + suffix, "EDITOR");
		this.topic = new TopicReader(this.broker.getBrokersAsString());
	}

	@AfterEach
	void closeTopic() {
		this.topic.close();
	}

	@Test
	void anAuthorDraftsButCannotPublishScheduleOrRetract() throws Exception {
		String id = id(this.mvc.perform(as(this.author, post("/api/articles"), article().draft()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("DRAFT")));
		this.mvc
			.perform(as(this.author, put("/api/articles/{id}", id).header(HttpHeaders.IF_MATCH, "\"1\""),
					article().draft().with("title", "A better title")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(2));

		expectRoleNeeded(as(this.author, post("/api/articles"), article()), "editor");
		expectRoleNeeded(as(this.author, post("/api/articles"), article().with("publishedAt", "2999-01-01T00:00:00Z")),
				"editor");
		expectRoleNeeded(
				as(this.author, put("/api/articles/{id}", id).header(HttpHeaders.IF_MATCH, "\"2\""), article()),
				"editor");
		expectRoleNeeded(bearer(this.author, delete("/api/articles/{id}", id)), "editor");

		this.mvc.perform(bearer(this.author, get("/api/articles/{id}", id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DRAFT"))
			.andExpect(jsonPath("$.version").value(2));
	}

	@Test
	void anAuthorMarksADraftBreakingAndItGoesOutBreakingWhenAnEditorPublishesIt() throws Exception {
		String id = id(
				this.mvc.perform(as(this.author, post("/api/articles"), article().draft().with("breaking", true)))
					.andExpect(status().isCreated())
					.andExpect(jsonPath("$.breaking").value(true)));
		this.mvc
			.perform(as(this.editor, put("/api/articles/{id}", id).header(HttpHeaders.IF_MATCH, "\"1\""),
					article().with("breaking", true)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("PUBLISHED"))
			.andExpect(jsonPath("$.breaking").value(true));
		String value = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.topic.poll(id), (records) -> records.size() == 1)
			.get(0)
			.value();
		assertThat(this.json.readTree(value).get("article").get("breaking").asBoolean()).isTrue();
	}

	@Test
	void anEditorPublishesEditsLiveArticlesAndRetracts() throws Exception {
		String id = id(this.mvc.perform(as(this.author, post("/api/articles"), article().draft()))
			.andExpect(status().isCreated()));
		this.mvc
			.perform(as(this.editor, put("/api/articles/{id}", id).header(HttpHeaders.IF_MATCH, "\"1\""), article()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("PUBLISHED"));
		expectRoleNeeded(as(this.author, put("/api/articles/{id}", id).header(HttpHeaders.IF_MATCH, "\"2\""),
				article().with("title", "Changed by the author")), "editor");
		this.mvc
			.perform(as(this.editor, put("/api/articles/{id}", id).header(HttpHeaders.IF_MATCH, "\"2\""),
					article().with("title", "Corrected")))
			.andExpect(status().isOk());
		this.mvc.perform(bearer(this.editor, delete("/api/articles/{id}", id))).andExpect(status().isNoContent());
	}

	@Test
	void theHistoryShowsWhoMadeEachVersionAndTheTopicDoesNot() throws Exception {
		String authorName = name(this.author);
		String editorName = name(this.editor);
		String id = id(this.mvc.perform(as(this.author, post("/api/articles"), article().draft()))
			.andExpect(status().isCreated()));
		this.mvc
			.perform(as(this.author, put("/api/articles/{id}", id).header(HttpHeaders.IF_MATCH, "\"1\""),
					article().draft().with("title", "Second draft")))
			.andExpect(status().isOk());
		this.mvc
			.perform(as(this.editor, put("/api/articles/{id}", id).header(HttpHeaders.IF_MATCH, "\"2\""), article()))
			.andExpect(status().isOk());
		this.mvc.perform(TestApi.authorized(delete("/api/articles/{id}", id))).andExpect(status().isNoContent());

		this.mvc.perform(bearer(this.author, get("/api/articles/{id}/history", id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.articleId").value(id))
			.andExpect(jsonPath("$.versions.length()").value(4))
			.andExpect(jsonPath("$.versions[*].version").value(org.hamcrest.Matchers.contains(1, 2, 3, 4)))
			.andExpect(jsonPath("$.versions[*].change")
				.value(org.hamcrest.Matchers.contains("created", "edited", "published", "retracted")))
			.andExpect(jsonPath("$.versions[*].actor")
				.value(org.hamcrest.Matchers.contains(authorName, authorName, editorName, ApiKeys.CONFIGURED_NAME)))
			.andExpect(jsonPath("$.versions[*].actorRole")
				.value(org.hamcrest.Matchers.contains("author", "author", "editor", "admin")))
			.andExpect(jsonPath("$.versions[2].previousStatus").value("DRAFT"))
			.andExpect(jsonPath("$.versions[2].status").value("PUBLISHED"))
			.andExpect(jsonPath("$.versions[3].at").isNotEmpty());

		List<TopicReader.Received> records = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.topic.poll(id), (received) -> received.size() == 3);
		for (TopicReader.Received record : records) {
			String everything = record.value() + record.headers();
			assertThat(everything).as("record of %s", id).doesNotContain(authorName, editorName, "actor");
		}
	}

	@Test
	void onlyAnAdminManagesKeysAndASecretIsShownOnceAndKeptOnlyAsADigest() throws Exception {
		String name = "kept-" + UUID.randomUUID().toString().substring(0, 8);
		String secret = createKey(name, "author");
		assertThat(secret).startsWith("pub_").hasSizeGreaterThan(40);
		String stored = this.jdbc.sql("SELECT key_digest FROM api_key WHERE name = :name")
			.param("name", name)
			.query(String.class)
			.single();
		assertThat(stored).hasSize(64).isNotEqualTo(secret).doesNotContain(secret.substring(4));

		this.mvc.perform(TestApi.authorized(get("/api/keys")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.name == '" + name + "')].role").value("author"))
			.andExpect(jsonPath("$[?(@.name == '" + name + "')].createdBy").value(ApiKeys.CONFIGURED_NAME))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(secret))))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("pub_"))));

		expectRoleNeeded(bearer(this.editor, get("/api/keys")), "admin");
		expectRoleNeeded(as(this.editor, post("/api/keys"), "{\"name\": \"sneaky\", \"role\": \"admin\"}"), "admin");
		expectRoleNeeded(bearer(this.author, delete("/api/keys/{name}", name)), "admin");
	}

	@Test
	void aRevokedKeyIsRefusedAtItsNextRequest() throws Exception {
		String name = "leaving-" + UUID.randomUUID().toString().substring(0, 8);
		String secret = createKey(name, "editor");
		this.mvc.perform(bearer(secret, get("/api/articles"))).andExpect(status().isOk());
		this.mvc.perform(TestApi.authorized(delete("/api/keys/{name}", name))).andExpect(status().isNoContent());
		this.mvc.perform(bearer(secret, get("/api/articles")))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.startsWith("Bearer")));
		this.mvc.perform(TestApi.authorized(delete("/api/keys/{name}", name)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aKeyRequestWithATakenOrInvalidNameOrAnUnknownRoleIsRefused() throws Exception {
		String name = "twice-" + UUID.randomUUID().toString().substring(0, 8);
		createKey(name, "author");
		this.mvc.perform(keyRequest(name, "editor"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(keyRequest(ApiKeys.CONFIGURED_NAME, "author")).andExpect(status().isConflict());
		this.mvc.perform(keyRequest("has space", "author"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		this.mvc.perform(keyRequest("valid-" + name, "owner"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("role"));
	}

	/**
	 * A key's name stands for its holder in the articles' history, so it must not pass
	 * for another: not for the configured token's or the scheduler's, whatever the case,
	 * and not for another key's name in other case.
	 */
	@Test
	void aKeyMayNotTakeAReservedNameOrAnotherKeysNameInOtherCase() throws Exception {
		for (String reserved : List.of("scheduler", "Scheduler", "ADMIN", "Admin")) {
			this.mvc.perform(keyRequest(reserved, "author"))
				.andExpect(status().isConflict())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		String name = "Cased-" + UUID.randomUUID().toString().substring(0, 8);
		createKey(name, "author");
		this.mvc.perform(keyRequest(name.toLowerCase(Locale.ROOT), "admin")).andExpect(status().isConflict());
		this.mvc.perform(keyRequest(name.toUpperCase(Locale.ROOT), "admin")).andExpect(status().isConflict());
	}

	private String createKey(String name, String role) throws Exception {
		MvcResult result = this.mvc.perform(keyRequest(name, role))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/keys/" + name))
			.andExpect(jsonPath("$.name").value(name))
			.andExpect(jsonPath("$.role").value(role.toLowerCase()))
			.andReturn();
		String secret = this.json.readTree(result.getResponse().getContentAsString()).get("secret").asString();
		this.names.put(secret, name);
		return secret;
	}

	private final java.util.Map<String, String> names = new java.util.HashMap<>();

	private String name(String secret) {
		return this.names.get(secret);
	}

	private MockHttpServletRequestBuilder keyRequest(String name, String role) {
		return TestApi.authorized(post("/api/keys"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
	}

	private void expectRoleNeeded(MockHttpServletRequestBuilder request, String role) throws Exception {
		this.mvc.perform(request)
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(403))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("role " + role)));
	}

	private static MockHttpServletRequestBuilder bearer(String secret, MockHttpServletRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + secret);
	}

	private static MockHttpServletRequestBuilder as(String secret, MockHttpServletRequestBuilder request,
			TestApi.ArticleJson body) {
		return as(secret, request, body.toJson());
	}

	private static MockHttpServletRequestBuilder as(String secret, MockHttpServletRequestBuilder request, String body) {
		return bearer(secret, request).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private String id(ResultActions result) throws Exception {
		JsonNode body = this.json.readTree(result.andReturn().getResponse().getContentAsString());
		return body.get("id").asString();
	}

}
