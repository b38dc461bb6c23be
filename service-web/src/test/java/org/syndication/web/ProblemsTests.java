package org.syndication.web;

import java.net.URI;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTests {

	@Test
	void everyErrorStatusHasATitleAndADetail() {
		for (int status : new int[] { 400, 401, 403, 404, 405, 413, 418, 431, 500, 599 }) {
			ProblemDetail problem = Problems.forStatus(status);
			assertThat(problem.getTitle()).as("%d", status).isNotBlank();
			assertThat(problem.getDetail()).as("%d", status).isNotBlank();
		}
	}

	@Test
	void theJsonEscapesWhatAServiceSupplies() {
		ProblemDetail problem = Problems.forStatus(403);
		problem.setDetail("This needs the role \"editor\\x\"\r\n\u0000");
		problem.setInstance(URI.create("/api/articles"));
		JsonNode json = JsonMapper.builder().build().readTree(Problems.json(problem));
		assertThat(json.path("detail").asString()).isEqualTo("This needs the role \"editor\\x\"\r\n\u0000");
		assertThat(json.path("status").asInt()).isEqualTo(403);
		assertThat(json.path("title").asString()).isEqualTo("Forbidden");
		assertThat(json.path("type").asString()).isEqualTo("about:blank");
		assertThat(json.path("instance").asString()).isEqualTo("/api/articles");
	}

}
