package org.syndication.publisher.article;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.syndication.publisher.TestApi;
import org.syndication.publisher.TopicReader;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The publisher against the production kinds of Kafka and PostgreSQL in containers, where
 * a Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "publisher.api-token=" + TestApi.TOKEN)
@AutoConfigureMockMvc
class PublishingOnKafkaContainerTests {

	@Container
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.2.1");

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	@Autowired
	private MockMvc mvc;

	@DynamicPropertySource
	static void containers(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", kafka::getBootstrapServers);
		registry.add("spring.datasource.url", postgres::getJdbcUrl);
		registry.add("spring.datasource.username", postgres::getUsername);
		registry.add("spring.datasource.password", postgres::getPassword);
	}

	@Test
	void publishedArticleReachesTheTopic() throws Exception {
		String body = this.mvc.perform(TestApi.post(TestApi.article()))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonMapper.builder().build().readTree(body).get("id").asString();
		try (TopicReader topic = new TopicReader(kafka.getBootstrapServers())) {
			await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll(id).size() == 1);
			assertThat(topic.poll(id).get(0).headers()).containsEntry("ce_type", "article.published");
		}
	}

}
