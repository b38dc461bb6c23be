package org.syndication.publisher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Requests to the article API as an editor sends them, built from an object mother rather
 * than copy-pasted JSON.
 */
public final class TestApi {

	public static final String TOKEN = "test-token-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TestApi() {
	}

	/** A complete, valid article request. */
	public static ArticleJson article() {
		return new ArticleJson().with("title", "Council approves new bike lanes")
			.with("summary", "Twelve kilometres of protected lanes by next summer.")
			.with("contentHtml", "<p>The council voted <strong>31 to 9</strong>.</p>")
			.with("authors", List.of("Ada Lovelace"))
			.with("categories", List.of("politics", "transport"))
			.with("language", "en");
	}

	public static MockHttpServletRequestBuilder post(ArticleJson article) {
		return authorized(MockMvcRequestBuilders.post("/api/articles")).contentType(MediaType.APPLICATION_JSON)
			.content(article.toJson());
	}

	public static MockHttpServletRequestBuilder put(Object id, long version, ArticleJson article) {
		return authorized(MockMvcRequestBuilders.put("/api/articles/{id}", id))
			.header(HttpHeaders.IF_MATCH, "\"" + version + "\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content(article.toJson());
	}

	public static MockHttpServletRequestBuilder authorized(MockHttpServletRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
	}

	/** An article request body; {@code null} values are left out. */
	public static final class ArticleJson {

		private final Map<String, Object> fields = new LinkedHashMap<>();

		public ArticleJson with(String field, Object value) {
			if (value == null) {
				this.fields.remove(field);
			}
			else {
				this.fields.put(field, value);
			}
			return this;
		}

		public ArticleJson without(String field) {
			this.fields.remove(field);
			return this;
		}

		public ArticleJson draft() {
			return with("status", "DRAFT");
		}

		public ArticleJson copy() {
			ArticleJson copy = new ArticleJson();
			this.fields.forEach((name, value) -> copy.fields.put(name,
					(value instanceof List<?> list) ? new ArrayList<>(list) : value));
			return copy;
		}

		public String toJson() {
			return JSON.writeValueAsString(this.fields);
		}

	}

}
