package org.syndication.feed.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syndication.events.ArticleEvents;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.feed.Http;
import org.syndication.testsupport.TopicWriter;
import org.syndication.testsupport.WebSubSubscriber;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database restored from a backup older than the consumer group's offsets, as the
 * README's runbook does it: the service reads again, from the position the backup holds,
 * the records it is missing, so the feeds hold every article once; the subscribers, told
 * of those changes the first time, are not told again, and are told of the next change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:feed-restore;DB_CLOSE_DELAY=-1", "spring.kafka.security.protocol=PLAINTEXT",
		"spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}", "feed.websub.allow-loopback=true",
		"feed.websub.first-retry=100ms", "feed.websub.max-retry-interval=200ms", "feed.websub.poll-interval=100ms",
		"feed.websub.secret-keys=" + FeedIntegrationTest.SECRET_KEY })
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class RestoreFromBackupTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final String CATEGORY = "restored";

	private static final String TOPIC_URL = "http://localhost:8082/feeds/categories/" + CATEGORY + "/atom.xml";

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private BindingsLifecycleController bindings;

	@TempDir
	private Path backups;

	@Test
	void aDatabaseRestoredFromAnOlderBackupGetsTheMissingArticlesOnceAndPushesOnlyWhatIsNew() {
		ArticleEvents.Builder first = ArticleEvents.article().title("Before the backup").categories(CATEGORY);
		List<ArticleEvents.Builder> later = List.of(
				ArticleEvents.article().title("After the backup, one").categories(CATEGORY),
				ArticleEvents.article().title("After the backup, two").categories(CATEGORY),
				ArticleEvents.article().title("After the backup, three").categories(CATEGORY));
		ArticleEvents.Builder next = ArticleEvents.article().title("After the restore").categories(CATEGORY);
		try (TopicWriter topic = new TopicWriter(this.broker.getBrokersAsString());
				WebSubSubscriber subscriber = new WebSubSubscriber(null)) {
			topic.send(first.published());
			await().atMost(PATIENCE).until(() -> feed().contains(first.id().toString()));
			assertThat(hub(subscriber).statusCode()).isEqualTo(202);
			await().atMost(PATIENCE).until(() -> subscribed(subscriber));

			Path backup = this.backups.resolve("feed-service.sql");
			this.jdbc.sql("SCRIPT TO '" + backup + "'").query().listOfRows();
			assertThat(backup).isNotEmptyFile();

			later.forEach((article) -> topic.send(article.published()));
			await().atMost(PATIENCE)
				.until(() -> subscriber.pushes()
					.stream()
					.anyMatch((push) -> later.stream().allMatch((article) -> push.text().contains(title(article)))));

			// The runbook: stop, restore the backup into an empty database, start.
			this.bindings.changeState("articles-in-0", State.STOPPED);
			this.jdbc.sql("DROP ALL OBJECTS").update();
			this.jdbc.sql("RUNSCRIPT FROM '" + backup + "'").update();
			assertThat(items()).isEqualTo(1);
			int pushed = subscriber.pushes().size();
			this.bindings.changeState("articles-in-0", State.STARTED);

			await().atMost(PATIENCE).until(() -> later.stream().allMatch((article) -> {
				String feed = feed();
				return feed.contains(article.id().toString());
			}));
			assertThat(occurrences(feed(), "</entry>")).isEqualTo(4);
			assertThat(items()).isEqualTo(4);
			// Nothing is owed, and nothing comes, for the changes read again.
			await().during(Duration.ofSeconds(2))
				.atMost(PATIENCE)
				.until(() -> subscriber.pushes().size() == pushed
						&& this.jdbc.sql("SELECT COUNT(*) FROM websub_delivery").query(Integer.class).single() == 0);

			topic.send(next.published());
			await().atMost(PATIENCE).until(() -> subscriber.pushes().size() > pushed);
			await().during(Duration.ofSeconds(1))
				.atMost(PATIENCE)
				.until(() -> subscriber.pushes().size() == pushed + 1);
			String push = subscriber.pushes().get(pushed).text();
			assertThat(push).contains(title(next));
			assertThat(occurrences(push, "</entry>")).isEqualTo(5);
		}
	}

	private String feed() {
		return new Http(this.port).body("/feeds/categories/" + CATEGORY + "/atom.xml");
	}

	private int items() {
		return this.jdbc.sql("SELECT COUNT(*) FROM feed_item").query(Integer.class).single();
	}

	private boolean subscribed(WebSubSubscriber subscriber) {
		return this.jdbc.sql("SELECT COUNT(*) FROM websub_subscription WHERE callback = :callback")
			.param("callback", subscriber.callback())
			.query(Integer.class)
			.single() == 1;
	}

	private HttpResponse<String> hub(WebSubSubscriber subscriber) {
		String form = Map.of("hub.mode", "subscribe", "hub.topic", TOPIC_URL, "hub.callback", subscriber.callback())
			.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + UriUtils.encodeQueryParam(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/hub"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String title(ArticleEvents.Builder article) {
		return article.published().article().title();
	}

	private static int occurrences(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

}
