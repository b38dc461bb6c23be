package org.syndication.publisher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
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

	@Autowired
	private PublisherProperties properties;

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
		this.mvc.perform(TestApi.authorized(get("/actuator/prometheus")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("outbox_backlog_messages ")))
			.andExpect(content().string(containsString("outbox_backlog_age_seconds ")));
		double sentBefore = sentMessages();
		this.mvc.perform(TestApi.post(TestApi.article())).andExpect(status().isCreated());
		await().untilAsserted(() -> assertThat(sentMessages()).isGreaterThanOrEqualTo(sentBefore + 1));
	}

	@Test
	void prometheusShowsOverdueScheduledArticlesAndWhetherTheServiceIsReady() throws Exception {
		await().untilAsserted(() -> this.mvc.perform(TestApi.authorized(get("/actuator/prometheus")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("publisher_scheduled_overdue_articles ")))
			.andExpect(content().string(containsString("publisher_scheduled_overdue_age_seconds ")))
			.andExpect(content().string(containsString("\nservice_ready 1.0\n"))));
	}

	private double sentMessages() throws Exception {
		String metrics = this.mvc.perform(TestApi.authorized(get("/actuator/prometheus")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher matcher = Pattern.compile("(?m)^outbox_sent_messages_total (\\S+)$").matcher(metrics);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

	@Test
	void openApiDocumentDescribesTheArticleApi() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/articles'].post").exists())
			.andExpect(jsonPath("$.paths['/api/articles/{id}'].put").exists())
			.andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"));
	}

	@Test
	void openApiDocumentNamesTheConfiguredServerNotTheOneTheClientClaims() throws Exception {
		this.mvc
			.perform(get("/v3/api-docs").header("Host", "evil.example")
				.header("X-Forwarded-Host", "evil.example")
				.header("X-Forwarded-Proto", "https"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.servers.length()").value(1))
			.andExpect(jsonPath("$.servers[0].url").value(this.properties.publicBaseUrl().toString()));
	}

}
