package org.syndication.publisher;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PublisherIntegrationTest
class OperationsTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void readinessCoversTheDatabaseAndKafka() throws Exception {
		this.mvc.perform(TestApi.authorized(get("/actuator/health/readiness")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components.db.status").value("UP"))
			.andExpect(jsonPath("$.components.kafka.status").value("UP"))
			.andExpect(jsonPath("$.components.readinessState.status").value("UP"));
		this.mvc.perform(get("/actuator/health/liveness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
	}

	@Test
	void prometheusShowsTheOutboxBacklogAndItsAge() throws Exception {
		this.mvc.perform(TestApi.post(TestApi.article())).andExpect(status().isCreated());
		await().untilAsserted(() -> this.mvc.perform(TestApi.authorized(get("/actuator/prometheus")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("outbox_backlog_messages ")))
			.andExpect(content().string(containsString("outbox_backlog_age_seconds ")))
			.andExpect(content().string(containsString("outbox_sent_messages_total 1"))));
	}

	@Test
	void openApiDocumentDescribesTheArticleApi() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/articles'].post").exists())
			.andExpect(jsonPath("$.paths['/api/articles/{id}'].put").exists())
			.andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"));
	}

}
