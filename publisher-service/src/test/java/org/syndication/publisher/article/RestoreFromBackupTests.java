package org.syndication.publisher.article;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syndication.publisher.PublisherApplication;
import org.syndication.publisher.TestApi;
import org.syndication.publisher.TopicReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The publisher's database restored from a backup older than the topic: started once with
 * {@code publisher.restore-from-topic}, it takes back what the topic holds of the
 * articles written since (an edit, a new article, a retraction), marks sent the messages
 * the backup still had waiting instead of sending them again, and the next edit follows
 * the newest version consumers have.
 */
@EmbeddedKafka(partitions = 1)
class RestoreFromBackupTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aDatabaseRestoredFromAnOlderBackupTakesBackFromTheTopicWhatWasWrittenSinceAndSendsNothingTwice(
			EmbeddedKafkaBroker broker, @TempDir Path directory) throws Exception {
		Path backup = directory.resolve("publisher.sql");
		UUID edited;
		UUID retracted;
		UUID createdLater;
		try (ConfigurableApplicationContext before = start(broker, "restore-before", false)) {
			edited = create(before, "Edited after the backup");
			retracted = create(before, "Retracted after the backup");
			awaitOutboxDrained(before);
			new JdbcTemplate(before.getBean(javax.sql.DataSource.class))
				.execute("SCRIPT TO '" + backup.toAbsolutePath() + "'");

			send(before, "PUT", "/api/articles/" + edited,
					TestApi.article().with("title", "Edited, version 2").toJson(), "\"1\"", 200);
			send(before, "DELETE", "/api/articles/" + retracted, null, null, 204);
			createdLater = create(before, "Created after the backup");
			awaitOutboxDrained(before);
		}

		// The backup as restored, its newest messages still waiting: they went out
		// after it was taken, before the database was lost.
		try (Connection restored = DriverManager.getConnection("jdbc:h2:mem:restore-after;DB_CLOSE_DELAY=-1", "sa", "");
				Statement statement = restored.createStatement()) {
			statement.execute("RUNSCRIPT FROM '" + backup.toAbsolutePath() + "'");
			assertThat(statement.executeUpdate("UPDATE outbox_event SET sent_at = NULL")).isEqualTo(2);
		}
		long recordsBefore;
		try (TopicReader topic = new TopicReader(broker.getBrokersAsString())) {
			recordsBefore = await().atMost(PATIENCE).until(() -> topic.poll().size(), (size) -> size >= 6);
		}

		try (ConfigurableApplicationContext after = start(broker, "restore-after", true)) {
			JsonNode article = body(send(after, "GET", "/api/articles/" + edited, null, null, 200));
			assertThat(article.get("version").asLong()).isEqualTo(2);
			assertThat(article.get("title").asString()).isEqualTo("Edited, version 2");
			assertThat(
					body(send(after, "GET", "/api/articles/" + createdLater, null, null, 200)).get("title").asString())
				.isEqualTo("Created after the backup");
			assertThat(body(send(after, "GET", "/api/articles/" + retracted, null, null, 200)).get("status").asString())
				.isEqualTo("RETRACTED");
			JsonNode history = body(send(after, "GET", "/api/articles/" + edited + "/history", null, null, 200));
			JsonNode newest = history.get("versions").get(history.get("versions").size() - 1);
			assertThat(newest.get("actor").asString()).isEqualTo(TopicRestore.ACTOR);
			assertThat(newest.get("version").asLong()).isEqualTo(2);
			assertThat(new JdbcTemplate(after.getBean(javax.sql.DataSource.class))
				.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL", Long.class)).isZero();

			// The next edit follows the newest version consumers have, and is the only
			// record added to the topic.
			send(after, "PUT", "/api/articles/" + edited, TestApi.article().with("title", "Edited, version 3").toJson(),
					"\"2\"", 200);
			try (TopicReader topic = new TopicReader(broker.getBrokersAsString())) {
				// One record more, and still one more a second later: nothing else is
				// sent after it.
				List<TopicReader.Received> records = await().atMost(PATIENCE)
					.during(Duration.ofSeconds(1))
					.until(topic::poll, (seen) -> seen.size() == recordsBefore + 1);
				TopicReader.Received last = records.get(records.size() - 1);
				assertThat(last.key()).isEqualTo(edited.toString());
				assertThat(this.json.readTree(last.value()).get("article").get("version").asLong()).isEqualTo(3);
			}
		}
	}

	private ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String database, boolean restore) {
		// As arguments, which come before the service's own application.yml.
		return new SpringApplicationBuilder(PublisherApplication.class).run("--server.port=0",
				"--publisher.api-token=" + TestApi.TOKEN,
				"--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
				"--spring.kafka.security.protocol=PLAINTEXT", "--publisher.topic.partitions=1",
				"--publisher.restore-from-topic=" + restore);
	}

	private UUID create(ConfigurableApplicationContext service, String title) throws Exception {
		JsonNode created = body(
				send(service, "POST", "/api/articles", TestApi.article().with("title", title).toJson(), null, 201));
		return UUID.fromString(created.get("id").asString());
	}

	private HttpResponse<String> send(ConfigurableApplicationContext service, String method, String path, String body,
			String ifMatch, int expected) throws Exception {
		String port = service.getEnvironment().getProperty("local.server.port");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + TestApi.TOKEN)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
		return response;
	}

	private JsonNode body(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	private static void awaitOutboxDrained(ConfigurableApplicationContext service) {
		JdbcTemplate jdbc = new JdbcTemplate(service.getBean(javax.sql.DataSource.class));
		await().atMost(PATIENCE)
			.until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL", Long.class),
					(unsent) -> unsent == 0);
	}

}
