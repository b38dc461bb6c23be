package org.syndication.feed.catalog;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.syndication.events.ArticleEvents;
import org.syndication.events.ArticleImage;
import org.syndication.feed.FeedIntegrationTest;
import org.syndication.feed.Http;
import org.syndication.testsupport.TopicWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The documented rebuild: an empty read model and a replay from offset 0 give the same
 * feeds, byte for byte.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:feed-rebuild;DB_CLOSE_DELAY=-1",
				"spring.kafka.security.protocol=PLAINTEXT",
				"spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}", "feed.rebuild=true",
				"feed.websub.secret-keys=" + FeedIntegrationTest.SECRET_KEY })
// The embedded broker lives in the test JVM and asks for no credentials (PLAINTEXT);
// the secured brokers are tested in local-stack and system-tests.
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class RebuildTests {

	private static final List<String> FEEDS = List.of("/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json",
			"/feeds/categories/politics/atom.xml", "/feeds/authors/grace-hopper/rss.xml",
			"/feeds/languages/en/feed.json", "/feeds/languages/en-gb/atom.xml");

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private BindingsLifecycleController bindings;

	@Autowired
	private FeedCatalog catalog;

	@Test
	void replayIntoAnEmptyReadModelGivesTheSameFeeds() throws Exception {
		ArticleEvents.Builder last;
		try (TopicWriter topic = new TopicWriter(this.broker.getBrokersAsString())) {
			for (int i = 0; i < 8; i++) {
				ArticleEvents.Builder article = ArticleEvents.article()
					.title("Article " + i)
					.authors("Grace Hopper")
					.language((i % 2 == 0) ? "en-GB" : "en");
				if (i % 4 == 0) {
					article
						.image(new ArticleImage("https://images.example.org/" + i + ".png", "Picture " + i, 640, 480));
				}
				topic.send(article.published());
				if (i % 2 == 0) {
					topic.send(article.version(2).title("Article " + i + ", edited").updated());
				}
				if (i % 3 == 0) {
					topic.send(article.version(3).retracted());
					topic.tombstone(article.id());
				}
			}
			last = ArticleEvents.article().title("The last one");
			topic.send(last.published());
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(body("/feeds/atom.xml")).contains(last.id().toString()));
		List<String> before = FEEDS.stream().map(this::body).toList();
		// Articles 0 and 4 carry images (0 is retracted): the replay must bring them back
		// too.
		assertThat(before.get(0)).contains("https://images.example.org/4.png").contains("<enclosure");
		assertThat(before.get(1)).contains("rel=\"enclosure\"");
		assertThat(before.get(2)).contains("\"image\":\"https://images.example.org/4.png\"");
		List<FeedSnapshot> modelBefore = snapshots();

		this.bindings.changeState("articles-in-0", State.STOPPED);
		for (String table : List.of("feed_membership", "feed_item", "feed_state")) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
		this.bindings.changeState("articles-in-0", State.STARTED);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(FEEDS.stream().map(this::body).toList()).isEqualTo(before));
	}

	private List<FeedSnapshot> snapshots() {
		return List.of(FeedKey.all(), FeedKey.category("politics"), FeedKey.author("Grace Hopper"))
			.stream()
			.map((key) -> this.catalog.snapshot(key, 50).orElseThrow())
			.toList();
	}

	private String body(String path) {
		return new Http(this.port).body(path);
	}

}
