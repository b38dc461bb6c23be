package org.syndication.feed.websub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.syndication.feed.FeedProperties;
import org.syndication.feed.catalog.FeedKey;
import org.syndication.feed.catalog.FeedsChanged;

import org.springframework.util.unit.DataSize;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

class OutsideHubsTests {

	private final List<String> forms = new CopyOnWriteArrayList<>();

	private final HttpServer hub = hub(this.forms);

	@AfterEach
	void stop() {
		this.hub.stop(0);
	}

	@Test
	void changedFeedsAreNamedToEveryOutsideHubInOnePing() {
		URI address = URI.create("http://127.0.0.1:" + this.hub.getAddress().getPort() + "/publish");
		OutsideHubs hubs = new OutsideHubs(List.of(address, address), properties(), settings());

		hubs.onChange(new FeedsChanged(Set.of(FeedKey.category("Transit"))));
		hubs.onChange(new FeedsChanged(Set.of(FeedKey.all(), FeedKey.category("Transit"))));
		hubs.ping().join();

		assertThat(this.forms).hasSize(2);
		assertThat(Arrays.stream(this.forms.get(0).split("&"))
			.map((pair) -> UriUtils.decode(pair, StandardCharsets.UTF_8))
			.toList()).containsExactlyInAnyOrder("hub.mode=publish",
					"hub.url=https://news.example/feeds/categories/transit/rss.xml",
					"hub.url=https://news.example/feeds/categories/transit/atom.xml",
					"hub.url=https://news.example/feeds/categories/transit/feed.json",
					"hub.url=https://news.example/feeds/rss.xml", "hub.url=https://news.example/feeds/atom.xml",
					"hub.url=https://news.example/feeds/feed.json");

		hubs.ping().join();
		assertThat(this.forms).as("nothing changed since").hasSize(2);
	}

	@Test
	void aHubThatIsAwayFailsNoPing() {
		OutsideHubs hubs = new OutsideHubs(List.of(URI.create("http://127.0.0.1:1/publish")), properties(), settings());
		hubs.onChange(new FeedsChanged(Set.of(FeedKey.all())));

		hubs.ping().join();
	}

	private static FeedProperties properties() {
		return new FeedProperties("https://news.example", "News", "The newest", 50, DataSize.ofMegabytes(1),
				Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofMillis(250), Duration.ofDays(7), false,
				false);
	}

	private static HubSettings settings() {
		return HubSettingsFixture.defaults();
	}

	private static HttpServer hub(List<String> forms) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				try (exchange; InputStream body = exchange.getRequestBody()) {
					forms.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
					exchange.sendResponseHeaders(204, -1);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
