package org.syndication.system;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * publisher-service as an editor's tool sees it: its REST API with the API token.
 */
final class Publisher {

	private final Endpoint service;

	private final String token;

	Publisher(Endpoint service, String token) {
		this.service = service;
		this.token = token;
	}

	/**
	 * @param article the request body
	 * @return the created article
	 */
	Article create(Map<String, Object> article) {
		return create(article, null);
	}

	/**
	 * @param article the request body
	 * @param traceParent the W3C {@code traceparent} of the editor's tool, or
	 * {@code null}
	 * @return the created article
	 */
	Article create(Map<String, Object> article, String traceParent) {
		HttpRequest.Builder request = Http.request(this.service.uri("/api/articles"))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.POST(Http.json(article));
		if (traceParent != null) {
			request.header("traceparent", traceParent);
		}
		return Article.of(Http.body(Http.expect(201, Http.send(request.build()))));
	}

	/**
	 * Asks for an article as {@link #create(Map)} does, whatever the answer.
	 * @param article the request body
	 * @return the API's answer
	 */
	HttpResponse<String> post(Map<String, Object> article) {
		return Http.send(Http.request(this.service.uri("/api/articles"))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.POST(Http.json(article))
			.build());
	}

	Article update(Article current, Map<String, Object> article) {
		HttpResponse<String> response = Http.send(Http.request(this.service.uri("/api/articles/" + current.id()))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.header("If-Match", "\"" + current.version() + "\"")
			.PUT(Http.json(article))
			.build());
		return Article.of(Http.body(Http.expect(200, response)));
	}

	void retract(Article article) {
		Http.expect(204,
				Http.send(Http.request(this.service.uri("/api/articles/" + article.id()))
					.header("Authorization", "Bearer " + this.token)
					.DELETE()
					.build()));
	}

	/**
	 * An article as the API answered it.
	 *
	 * @param id its id
	 * @param version its version
	 * @param title its title
	 */
	record Article(String id, long version, String title) {

		static Article of(JsonNode json) {
			return new Article(json.get("id").asString(), json.get("version").asLong(), json.get("title").asString());
		}

		String urn() {
			return "urn:uuid:" + this.id;
		}

	}

}
