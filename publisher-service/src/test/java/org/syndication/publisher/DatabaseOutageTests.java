package org.syndication.publisher;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The publisher's database away and back, without a restart: writes and reads are
 * answered 503 with Retry-After meanwhile (never a 500), readiness goes down and up
 * again, and what is written afterwards reaches the topic.
 */
@PublisherIntegrationTest
@Import(DatabaseOutageTests.AwayableDatabase.class)
// A context of its own, with a broker of its own: and so a database of its own, or the
// relays of the other contexts would send its messages to their brokers.
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:publisher-database-outage;DB_CLOSE_DELAY=-1")
class DatabaseOutageTests {

	private static final AtomicBoolean away = new AtomicBoolean();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EmbeddedKafkaBroker broker;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void writesAre503WithRetryAfterWhileTheDatabaseIsAwayAndEverythingWorksOnceItIsBack() throws Exception {
		String before = this.json
			.readTree(this.mvc.perform(TestApi.post(TestApi.article().with("title", "Before")))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("id")
			.asString();
		// Live before the outage: the relay has sent an article through this broker (its
		// first transaction on a new broker waits for Kafka to ready its transaction
		// log).
		try (TopicReader topic = new TopicReader(this.broker.getBrokersAsString())) {
			await().atMost(Duration.ofSeconds(30)).until(() -> !topic.poll(before).isEmpty());
		}

		away.set(true);
		try {
			this.mvc.perform(TestApi.post(TestApi.article().with("title", "While away")))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", "5"))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.title").value("Database unavailable"));
			this.mvc.perform(TestApi.authorized(get("/api/articles")))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", "5"));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> this.mvc.perform(TestApi.authorized(get("/actuator/health/readiness")))
					.andExpect(status().isServiceUnavailable()));
		}
		finally {
			away.set(false);
		}

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.mvc.perform(TestApi.authorized(get("/actuator/health/readiness")))
				.andExpect(status().isOk()));
		String created = this.mvc.perform(TestApi.post(TestApi.article().with("title", "After the outage")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = this.json.readTree(created).get("id").asString();
		try (TopicReader topic = new TopicReader(this.broker.getBrokersAsString())) {
			// A relay run the outage cut short could not release its lock, which then
			// runs out by itself within 30 s (lockAtMostFor), as after a crash.
			await().atMost(Duration.ofSeconds(60)).until(() -> !topic.poll(id).isEmpty());
			assertThat(topic.poll())
				.noneMatch((record) -> record.value() != null && record.value().contains("While away"));
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class AwayableDatabase {

		@Bean
		static BeanPostProcessor awayableDataSource() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof DataSource dataSource)) {
						return bean;
					}
					return new DelegatingDataSource(dataSource) {

						@Override
						public Connection getConnection() throws SQLException {
							if (away.get()) {
								throw new SQLTransientConnectionException("The database is away");
							}
							return super.getConnection();
						}

					};
				}

			};
		}

	}

}
