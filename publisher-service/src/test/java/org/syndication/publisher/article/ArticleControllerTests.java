package org.syndication.publisher.article;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.syndication.publisher.TestApi;
import org.syndication.publisher.editor.Editor;
import org.syndication.publisher.editor.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The article API's HTTP contract over the controller alone, with the article service
 * standing in: no database, no Kafka. Who may do what is tested with the whole service.
 */
@WebMvcTest(ArticleController.class)
class ArticleControllerTests {

	private static final UUID ID = UUID.fromString("6f1c2d3e-0000-4000-8000-000000000001");

	private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ArticleService articles;

	@Test
	void aCreatedArticleAnswersWithItsLocationVersionAndTheEditorWhoSentIt() throws Exception {
		given(this.articles.create(any(), any())).willReturn(article(1, ArticleStatus.PUBLISHED));
		this.mvc.perform(as("grace", Role.EDITOR, post("/api/articles")).content(TestApi.article().toJson()))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/articles/" + ID))
			.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
			.andExpect(jsonPath("$.id").value(ID.toString()))
			.andExpect(jsonPath("$.status").value("PUBLISHED"));
		then(this.articles).should().create(any(), eq(new Editor("grace", Role.EDITOR)));
	}

	@Test
	void aReplacementNeedsAWellFormedIfMatchAndPassesTheVersionOn() throws Exception {
		String body = TestApi.article().toJson();
		this.mvc.perform(as("grace", Role.EDITOR, put("/api/articles/{id}", ID)).content(body))
			.andExpect(status().isPreconditionRequired())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(as("grace", Role.EDITOR, put("/api/articles/{id}", ID)).header(HttpHeaders.IF_MATCH, "W/\"2\"")
				.content(body))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Malformed If-Match"));
		then(this.articles).should(never()).update(any(), any(), any(), any());

		given(this.articles.update(eq(ID), eq(2L), any(), any())).willReturn(article(3, ArticleStatus.PUBLISHED));
		this.mvc
			.perform(as("grace", Role.EDITOR, put("/api/articles/{id}", ID)).header(HttpHeaders.IF_MATCH, "\"2\"")
				.content(body))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "\"3\""));

		given(this.articles.update(eq(ID), isNull(), any(), any())).willReturn(article(4, ArticleStatus.PUBLISHED));
		this.mvc
			.perform(as("grace", Role.EDITOR, put("/api/articles/{id}", ID)).header(HttpHeaders.IF_MATCH, "*")
				.content(body))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "\"4\""));
	}

	@Test
	void anInvalidBodyIsAProblemNamingTheFieldAndNeverReachesTheService() throws Exception {
		this.mvc
			.perform(as("ada", Role.AUTHOR, post("/api/articles"))
				.content(TestApi.article().with("title", "x".repeat(301)).toJson()))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("title"));
		this.mvc
			.perform(
					as("ada", Role.AUTHOR, post("/api/articles")).content(TestApi.article().with("title", "").toJson()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("title"));
		then(this.articles).should(never()).create(any(), any());
	}

	@Test
	void theHistoryListsEachVersionWithItsChangeAndActor() throws Exception {
		given(this.articles.history(ID)).willReturn(ArticleHistory.of(ID,
				List.of(new ArticleRevision(1, ArticleStatus.DRAFT, null, "ada", "author", NOW),
						new ArticleRevision(2, ArticleStatus.SCHEDULED, ArticleStatus.DRAFT, "grace", "editor",
								NOW.plusSeconds(60)),
						new ArticleRevision(3, ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED,
								ArticleRevision.SCHEDULER, null, NOW.plusSeconds(3600)))));
		this.mvc.perform(get("/api/articles/{id}/history", ID).with(user("ada").roles("AUTHOR")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.articleId").value(ID.toString()))
			.andExpect(jsonPath("$.versions[*].change").value(contains("created", "scheduled", "published")))
			.andExpect(jsonPath("$.versions[*].actor").value(contains("ada", "grace", "scheduler")))
			.andExpect(jsonPath("$.versions[1].previousStatus").value("DRAFT"))
			.andExpect(jsonPath("$.versions[2].at").value("2026-11-30T10:00:00Z"));
	}

	private static MockHttpServletRequestBuilder as(String name, Role role, MockHttpServletRequestBuilder request) {
		return request.with(user(name).roles(role.name())).with(csrf()).contentType(MediaType.APPLICATION_JSON);
	}

	private static Article article(long version, ArticleStatus status) {
		return new Article(ID, version, status, "Council approves new bike lanes", null, null,
				"https://news.example/bike-lanes", List.of("Ada Lovelace"), List.of("politics"), "en", false, null, NOW,
				NOW, NOW);
	}

}
